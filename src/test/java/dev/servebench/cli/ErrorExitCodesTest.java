package dev.servebench.cli;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's mistake is exit 2 in one line; a failed internal check is a bug: exit 1, said so, trace under --debug. */
class ErrorExitCodesTest {

    @CommandLine.Command(name = "throws")
    static final class Throwing implements Runnable {
        private final RuntimeException toThrow;

        Throwing(RuntimeException toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public void run() {
            throw toThrow;
        }
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome run(RuntimeException ex, boolean debug) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Throwing(ex));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(Main.exceptionHandler(debug));
        return new Outcome(cli.execute(), err.toString());
    }

    @Test
    void badInputIsExitTwoInOneLineWithoutATrace() {
        Outcome o = run(new BadInputException("--rates 0: give rates above 0"), false);
        assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(o.err().strip()).isEqualTo("servebench: error: --rates 0: give rates above 0");
    }

    @Test
    void aFailedInternalArgumentCheckIsABugNotTheUsersMistake() {
        Outcome o = run(new IllegalArgumentException("no values to summarize"), false);
        assertThat(o.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(o.err()).contains("internal error IllegalArgumentException: no values to summarize")
                .contains("--debug").doesNotContain("\tat ");
    }

    @Test
    void debugPrintsTheTraceOfABug() {
        Outcome o = run(new NullPointerException("engine lost a request"), true);
        assertThat(o.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(o.err()).contains("java.lang.NullPointerException: engine lost a request").contains("\tat ")
                .contains("its trace is above");
    }

    @Test
    void aFailureOfTheWorldIsExitOneWithoutBlamingServebench() {
        Outcome o = run(new IllegalStateException("cannot open the results database r.db: disk full"), false);
        assertThat(o.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(o.err().strip()).isEqualTo("servebench: failed: cannot open the results database r.db: disk full");
    }

    @Test
    void flagValidationInTheCoreIsBadInputThroughTheRealCli() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"advise", "--model", "no-such-model", "--gpu", "mi325x"},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown model 'no-such-model'").doesNotContain("internal error");
        code = Main.execute(new String[]{"predict", "--model", "llama-3.1-405b", "--gpu", "mi325x", "--phases", "nope"},
                new PrintWriter(out), new PrintWriter(err = new StringWriter()));
        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown phase 'nope'").doesNotContain("internal error");
    }
}
