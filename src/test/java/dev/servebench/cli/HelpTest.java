package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
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

    /**
     * The subcommands an invocation does not name are stand-ins (name and description only, for start-up time):
     * the top-level help they list must be the one the whole tree prints, hidden commands hidden.
     */
    @Test
    void topLevelHelpFromStandInsIsTheWholeTreesHelp() {
        java.io.StringWriter whole = new java.io.StringWriter();
        CommandLine full = Main.commandLine();
        full.setUsageHelpWidth(110);
        full.usage(new java.io.PrintWriter(whole, true));
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {}}) {
            CliRunner run = CliRunner.run(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo(whole.toString());
        }
        assertThat(whole.toString()).contains("advise").doesNotContain("worker");
    }

    @Test
    void helpCommandArgumentFilesAndMistakesStillReachEveryCommand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        CliRunner help = CliRunner.run("help", "advise");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: servebench advise");
        CliRunner typo = CliRunner.run("advice", "--model", "x");
        assertThat(typo.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(typo.err()).contains("'advice'");
        java.nio.file.Path argFile = java.nio.file.Files.writeString(dir.resolve("args"), "advise --help\n");
        CliRunner fromFile = CliRunner.run("@" + argFile);
        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).contains("Usage: servebench advise");
        CliRunner version = CliRunner.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("servebench ");
    }
}
