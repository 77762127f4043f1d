package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.testing.SimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code experiment ablation} of two identical servers: no difference may be reported. */
@EndToEnd
class AblationOfIdenticalConditionsTest {
    @TempDir
    Path dir;

    @Test
    void ablationOfTwoIdenticalConditionsFindsNoDifference() throws Exception {
        try (SimProcess sim = new SimProcess(dir.resolve("sim"))) {
            // α = 0.001 keeps the chance of a false "faster/slower" on identical servers at 0.1 %: a CI run
            // must not fail by chance, and p under the null is uniform, so this is the false-alarm rate.
            CliRunner run = AblationCommandTest.ablation(sim, dir, "a", "", "b", "", "0.001");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(AblationCommandTest.row(run.out(), "total tok/s")).endsWith("no significant difference");
        }
    }
}
