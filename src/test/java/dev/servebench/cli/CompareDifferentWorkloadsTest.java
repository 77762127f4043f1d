package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** runs compare refuses runs that asked different things of the server unless --force (issue #30), naming what. */
class CompareDifferentWorkloadsTest {
    private static final Pattern RECORDED = Pattern.compile("Recorded as run (\\S+)");

    private static String predict(Path dir, String name, String input, String output) {
        CliRunner run = CliRunner.run("predict", "--model", "llama-3.3-70b-instruct", "--gpu", "h100", "--phases",
                "baseline", "--baseline-requests", "2", "--input-tokens", input, "--output-tokens", output,
                "--no-report", "--db", dir.resolve("runs.db").toString(), "--out", dir.resolve(name).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = RECORDED.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group(1);
    }

    @Test
    void differentLengthsAreRefusedWithWhatDiffersAndComparedWithForce(@TempDir Path dir) {
        String small = predict(dir, "a", "64", "32");
        String large = predict(dir, "b", "128", "128");
        String same = predict(dir, "c", "64", "32");
        String db = dir.resolve("runs.db").toString();

        CliRunner refused = CliRunner.run("runs", "compare", small, large, "--db", db);
        assertThat(refused.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(refused.err()).contains("main_workload.input_tokens 64 vs 128",
                "main_workload.output_tokens 32 vs 128", "--force").hasLineCount(1);

        CliRunner forced = CliRunner.run("runs", "compare", small, large, "--force", "--db", db);
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("warning: workloads differ: main_workload.output_tokens 32 vs 128");

        CliRunner alike = CliRunner.run("runs", "compare", small, same, "--db", db);
        assertThat(alike.exitCode()).as(alike.err()).isZero();
        assertThat(alike.out()).doesNotContain("warning");
    }
}
