package dev.servebench.load;

import dev.servebench.testing.EndToEnd;
import dev.servebench.cli.Main;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EndToEnd
class FileDescriptorBudgetTest {

    @Test
    void aLevelThatCannotFitUnderTheLimitIsRefusedNamingUlimit() {
        assertThatThrownBy(() -> FileDescriptorBudget.require(5_000, "SATURATION c=5000", 1_024, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SATURATION c=5000 needs about 5,168 open files")
                .hasMessageContaining("may open 1,024 (ulimit -n)")
                .hasMessageContaining("at most 856");
        assertThatCode(() -> FileDescriptorBudget.require(800, "c=800", 1_024, 40)).doesNotThrowAnyException();
    }

    @Test
    void aBenchUnderALowLimitStopsBeforeItSendsAnything() throws Exception {
        // A real child JVM under ulimit -n 256: the level is refused before any connection, with exit 2.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("bash", "-c", "ulimit -n 256 && exec \"$@\"", "bash", java,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
                "--url", "http://127.0.0.1:9", "--model", "m", "--phases", "saturation", "--saturation", "1000",
                "--no-db").redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isEqualTo(Main.EXIT_USAGE);
        assertThat(output).contains("SATURATION c=1000 needs about", "may open 256 (ulimit -n)")
                .doesNotContain("cannot connect");
    }
}
