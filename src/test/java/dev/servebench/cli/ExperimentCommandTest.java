package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;
import dev.servebench.testing.SimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every experiment end to end against real simulator processes, through the CLI, recording into a
 * temporary database. Workloads are tiny (a few short requests per level) to bound time. The two ablations, the
 * longest, are classes of their own ({@link AblationCommandTest}, {@link AblationOfIdenticalConditionsTest}), so
 * that the end-to-end forks run them side by side.
 */
@EndToEnd
class ExperimentCommandTest {
    private static final String MODEL = "qwen3-235b-a22b";
    /** Tiny, forced-length requests; a warmup so the fresh simulator JVM's first compilations are not measured. */
    static final List<String> TINY = List.of("--phases", "warmup,scaling", "--scaling", "4", "--requests", "12",
            "--input-tokens", "64", "--output-tokens", "16", "--ignore-eos", "--cooldown", "0s");

    @TempDir
    Path dir;

    @Test
    void repeatRestartsTheSimulatorBeforeEveryRunAndReportsStatistics() throws Exception {
        Path db = dir.resolve("runs.db");
        try (SimProcess sim = new SimProcess(dir.resolve("sim"))) {
            List<String> args = new java.util.ArrayList<>(List.of("experiment", "repeat", "-n", "3", "--url",
                    sim.baseUrl(), "--model", MODEL, "--restart-cmd", sim.restartCommand(""), "--ready-url",
                    sim.readyUrl(), "--ready-timeout", "120s", "--db", db.toString(), "--out", dir.resolve("out").toString()));
            args.addAll(TINY);
            CliRunner run = cli(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Repeated runs: 3", "SCALING c=4", "total tok/s", "95 % CI", "rel. range");
            // Three starts, three different processes: the restart really restarted.
            assertThat(sim.starts()).hasSize(3).doesNotHaveDuplicates();
            // The report of all three runs, written by default at the end.
            assertThat(run.out()).contains("Report: ");
            assertThat(java.nio.file.Files.readString(dir.resolve("out/report.html"))).contains("\"repeated\":true");
        }
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            StoredExperiment x = store.list(dev.servebench.store.RunFilter.ALL).getFirst().experiment()
                    .map(m -> store.findExperiment(m.experimentId()).orElseThrow()).orElseThrow();
            assertThat(x.kind()).isEqualTo("repeat");
            assertThat(x.status().toString()).isEqualTo("complete");
            assertThat(x.resultJson().orElseThrow()).contains("\"confidence\":0.95", "ci_half_width");
            List<StoredRun> runs = store.runsOf(x.id());
            assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.status().toString()).isEqualTo("complete"));
        }
    }

    @Test
    void saturationPhasesParetoAndRunsAgainstOneSimulatorProcess() throws Exception {
        Path db = dir.resolve("runs.db");
        try (SimProcess sim = new SimProcess(dir.resolve("sim"))) {
            new dev.servebench.experiment.ShellCommand(sim.restartCommand(""), java.time.Duration.ofSeconds(30))
                    .run(dir.resolve("start.log"));
            dev.servebench.experiment.ReadinessProbe.of(java.net.URI.create(sim.readyUrl()),
                    java.time.Duration.ofSeconds(120)).await();

            CliRunner sat = cli("experiment", "saturation", "--url", sim.baseUrl(), "--model", MODEL, "--from", "2",
                    "--to", "8", "--step", "2", "--runs", "2", "--requests", "8", "--input-tokens", "32",
                    "--output-tokens", "8", "--ignore-eos", "--db", db.toString(), "--out", dir.resolve("sat").toString());
            assertThat(sat.exitCode()).as(sat.err()).isZero();
            assertThat(sat.out()).contains("Fine saturation sweep", "Peak:", "Saturation point:",
                    "Plateau relative range:");
            assertThat(sat.out().lines().filter(l -> l.matches("\\s*[2468]\\s+2\\s+.*"))).hasSize(4);

            CliRunner phases = cli("experiment", "phases", "--url", sim.baseUrl(), "--model", MODEL, "--scaling", "2",
                    "--requests", "4", "--prefill-input-tokens", "2000", "--decode-input-tokens", "16",
                    "--decode-output-tokens", "64", "--input-tokens", "256", "--output-tokens", "32", "--cooldown", "0s",
                    "--db", db.toString(), "--out", dir.resolve("phases").toString());
            assertThat(phases.exitCode()).as(phases.err()).isZero();
            assertThat(phases.out()).contains("prefill-heavy", "decode-heavy", "mixed", "2000/1", "16/64");

            CliRunner pareto = cli("experiment", "pareto", "--model", MODEL, "--target", "live=" + sim.baseUrl(),
                    "--target-gpus", "live=8", "--sim", "tp4=--model " + MODEL + " --gpu mi325x --gpus 4",
                    "--scaling", "2,6", "--requests", "6", "--input-tokens", "64", "--output-tokens", "8",
                    "--ignore-eos", "--cooldown", "0s", "--slo", "ttft=30s", "--db", db.toString(),
                    "--out", dir.resolve("pareto").toString());
            assertThat(pareto.exitCode()).as(pareto.err()).isZero();
            assertThat(pareto.out()).contains("Frontier, tok/s per GPU vs TTFT p99 ms", "Best configuration per load level",
                    "live", "tp4");
            assertThat(AblationCommandTest.row(pareto.out(), "c=2 ")).isNotEmpty();
            // The report charts the sweep's own frontier (it had no Pareto section at all before).
            assertThat(java.nio.file.Files.readString(dir.resolve("pareto").resolve("report.html")))
                    .contains("\"frontier\":[{");
            // The simulated configuration is predicted in process, in virtual time, not served over HTTP.
            assertThat(java.nio.file.Files.readString(dir.resolve("pareto").resolve("02-tp4-0").resolve("summary.json")))
                    .contains("virtual://mi325x");
            CliRunner clash = cli("experiment", "pareto", "--model", MODEL, "--target", "a=" + sim.baseUrl(),
                    "--sim", "a=--model " + MODEL + " --gpu mi325x --gpus 4", "--no-db", "--out", dir.resolve("clash").toString());
            assertThat(clash.exitCode()).isNotZero();
            assertThat(clash.err()).contains("the name 'a' is given to two deployments");

            CliRunner list = cli("runs", "list", "--db", db.toString(), "--kind", "experiment");
            assertThat(list.exitCode()).as(list.err()).isZero();
            // 2 sweep passes + 3 phase workloads + 2 Pareto configurations
            assertThat(list.out()).contains("7 run(s)");
        }
    }

    private static CliRunner cli(String... args) {
        return CliRunner.run(args);
    }
}
