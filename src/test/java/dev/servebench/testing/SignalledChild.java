package dev.servebench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting a child JVM that must obey Ctrl-C, and sending it one. A shell runs a background job with SIGINT ignored,
 * and the child inherits that: a JVM that starts with SIGINT ignored never handles it, so a suite started from a
 * script in the background (CI, {@code nohup}, {@code &}) used to fail its Ctrl-C tests with no hint why. The child is
 * started through coreutils' {@code env --default-signal=INT}, which restores the default first; where that option is
 * missing, {@link #interrupt} says plainly that the signal could not reach the child.
 */
public final class SignalledChild {
    private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();

    private SignalledChild() {
    }

    /** {@code command} prefixed so that the child starts with SIGINT at its default (handled by the JVM). */
    public static List<String> command(List<String> command) {
        List<String> out = new ArrayList<>();
        if (ENV_RESETS_SIGNALS) {
            out.addAll(List.of("env", "--default-signal=INT"));
        }
        out.addAll(command);
        return out;
    }

    /**
     * Sends SIGINT to {@code child}; throws with the reason when the child ignores it (it then could never react),
     * instead of letting the caller wait out its timeout.
     */
    public static void interrupt(Process child) throws IOException, InterruptedException {
        if (ignoresSigint(child.pid())) {
            throw new AssertionError("the child (pid " + child.pid() + ") ignores SIGINT: it inherited SIG_IGN (the "
                    + "test suite runs as a background job of a shell) and this system's env has no --default-signal "
                    + "to restore it; run the suite in the foreground, or with coreutils >= 8.31");
        }
        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
    }

    /** What a child that did not end after SIGINT tells about its signal state, for the failure message. */
    public static String state(Process child) {
        return child.isAlive() ? "still running; SIGINT " + (ignoresSigint(child.pid()) ? "ignored" : "not ignored")
                + " in it" : "ended with " + child.exitValue();
    }

    /** Bit 1 (SIGINT is signal 2) of the SigIgn mask in /proc/PID/status; false where /proc cannot tell. */
    static boolean ignoresSigint(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the child already gone: nothing to tell.
        }
        return false;
    }

    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
