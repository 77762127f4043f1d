package dev.servebench.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stdout is an interactive terminal, so live progress is shown there and nowhere else. */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive() {
        if (System.getenv("CI") != null) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
