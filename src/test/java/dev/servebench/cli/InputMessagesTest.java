package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one line naming what the user typed and the fix, exit 2, before anything runs. */
class InputMessagesTest {

    private static CliRunner benchWith(Path workload) {
        return CliRunner.run("bench", "--workload", workload.toString(), "--url", "http://127.0.0.1:9", "--model",
                "m", "--no-db");
    }

    @Test
    void workloadFileMistakesNameTheKeyTheLineAndWhatWasExpected(@TempDir Path dir) throws Exception {
        Path fraction = Files.writeString(dir.resolve("a.yaml"), "requests: 2.7\n");
        Path word = Files.writeString(dir.resolve("b.yaml"), "# levels\nscaling: [1, two]\n");

        CliRunner a = benchWith(fraction);
        CliRunner b = benchWith(word);
        CliRunner missing = benchWith(dir.resolve("none.yaml"));

        assertThat(a.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(a.err().strip()).isEqualTo("servebench: error: workload file " + fraction
                + ", line 1, column 11: requests must be a whole number, got '2.7'");
        assertThat(b.err()).contains("line 2, column 14: scaling[1] must be a whole number, got 'two'")
                .doesNotContain("java.lang");
        assertThat(missing.err().strip()).isEqualTo("servebench: error: workload file " + dir.resolve("none.yaml")
                + " does not exist");
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notafolder"), "x");
        CliRunner run = CliRunner.run("bench", "--out", file.toString(), "--url", "http://127.0.0.1:9", "--model",
                "m", "--no-db");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--out " + file + " is a file; give a folder").doesNotContain("failed");
    }

    @Test
    void aMissingApiKeyFileSaysSoOnce(@TempDir Path dir) {
        Path none = dir.resolve("key.txt");
        CliRunner run = CliRunner.run("bench", "--url", "http://127.0.0.1:9", "--model", "m", "--api-key-file",
                none.toString(), "--no-db");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().strip()).isEqualTo("servebench: error: API key file " + none
                + " does not exist; give the file holding the key, or --api-key-env VAR");
    }
}
