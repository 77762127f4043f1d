package dev.servebench.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's --help renders cleanly (no picocli format warnings) and teaches by example. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "bench", "sim", "predict", "report", "advise", "selfcheck", "runs", "runs list",
            "runs show", "runs compare", "runs export", "experiment", "experiment repeat", "experiment ablation",
            "experiment saturation", "experiment pareto", "experiment phases", "eval"})
    void helpRendersWithExamples(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        // picocli reports unformattable help text on System.err as "[picocli WARN]".
        System.setErr(new java.io.PrintStream(captured, true));
        CliRunner run;
        try {
            run = CliRunner.run(args);
        } finally {
            System.setErr(realErr);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: servebench");
        assertThat(run.out() + run.err() + captured).doesNotContain("picocli WARN");
        assertThat(run.out()).containsIgnoringCase("example");
    }

    @org.junit.jupiter.api.Test
    void aMistypedCommandOrOptionGetsTheNearestNamesSuggested() {
        CliRunner command = CliRunner.run("bnech");
        assertThat(command.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(command.err()).contains("'bnech'; did you mean bench");
        CliRunner option = CliRunner.run("bench", "--scalign", "4");
        assertThat(option.err()).contains("did you mean --scaling?");
        CliRunner sub = CliRunner.run("runs", "shwo");
        assertThat(sub.err()).contains("did you mean show?").contains("Try 'servebench runs --help'.");
        assertThat(CliRunner.run("--help").out()).contains("--debug");
    }
}
