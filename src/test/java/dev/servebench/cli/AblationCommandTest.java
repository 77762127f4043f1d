package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.testing.SimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code experiment ablation} end to end against a real simulator process restarted per condition. */
@EndToEnd
class AblationCommandTest {
    @TempDir
    Path dir;

    @Test
    void ablationDetectsTheSimulatorsTritonPathAsSlower() throws Exception {
        try (SimProcess sim = new SimProcess(dir.resolve("sim"))) {
            CliRunner run = ablation(sim, dir, "aiter", "", "triton", "--no-aiter", "0.05");
            assertThat(run.exitCode()).as(run.err()).isZero();
            // The simulator's MI325X Triton path (VLLM_ROCM_USE_AITER=0) has much lower throughput
            // than AITER in its calibrated factors: a known, large difference the test must flag.
            String throughputRow = row(run.out(), "total tok/s");
            assertThat(throughputRow).endsWith("slower");
            assertThat(throughputRow).contains("-");
            // The report's ablation table is the one printed (issue #29), not one worked out again from the folders.
            assertThat(java.nio.file.Files.readString(dir.resolve("abl-aiter/report.html")))
                    .contains("Ablation: triton vs aiter");
            assertThat(java.nio.file.Files.readString(dir.resolve("abl-aiter/tables/ablation.csv")))
                    .contains("total tok/s").contains("slower");
        }
    }

    /** An ablation of two conditions, each a restart of {@code sim} with its flags, into {@code dir/abl-A}. */
    static CliRunner ablation(SimProcess sim, Path dir, String a, String aFlags, String b, String bFlags,
                              String alpha) {
        List<String> args = new java.util.ArrayList<>(List.of("experiment", "ablation", "--url", sim.baseUrl(),
                "--model", "qwen3-235b-a22b", "-n", "4", "--alpha", alpha, "--metrics", "total-tokens-per-s",
                "--condition", a + "=" + sim.restartCommand(aFlags), "--condition", b + "=" + sim.restartCommand(bFlags),
                "--ready-url", sim.readyUrl(), "--ready-timeout", "120s", "--no-db",
                "--out", dir.resolve("abl-" + a).toString()));
        args.addAll(ExperimentCommandTest.TINY);
        return CliRunner.run(args.toArray(String[]::new));
    }

    static String row(String out, String fragment) {
        return out.lines().filter(l -> l.contains(fragment)).findFirst().orElse("").strip();
    }
}
