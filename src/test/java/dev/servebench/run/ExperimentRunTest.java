package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.eval.EvalTask;
import dev.servebench.experiment.AblationResult;
import dev.servebench.experiment.ConditionAccuracy;
import dev.servebench.experiment.ParetoResult;
import dev.servebench.experiment.RepeatResult;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.server.Oracle;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunFilter;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredExperiment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ExperimentRun} called directly, as a caller other than the command line would: an experiment's options in,
 * its analysis and where it went out, against the simulator served in this process (or predicted in virtual time).
 */
class ExperimentRunTest {
    private static final String MODEL = OracleSimulator.MODEL;
    private static final ClientAccess CLIENT = OracleSimulator.CLIENT;
    /** Tiny, forced-length requests: a trial takes well under a second. */
    private static final BenchmarkConfig TINY = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
            .scalingLevels(List.of(4)).requestsPerLevel(8).mainWorkload(new Workload(64, 16, 0)).ignoreEos(true)
            .cooldown(Duration.ZERO).build();

    private static EvalTask arithmetic;
    private static Oracle oracle;
    private static OracleSimulator fixture;

    @TempDir
    Path dir;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @BeforeAll
    static void startTheSimulator() throws Exception {
        fixture = OracleSimulator.start();
        arithmetic = fixture.arithmetic;
        oracle = fixture.oracle;
    }

    @AfterAll
    static void stopTheSimulator() throws Exception {
        fixture.close();
    }

    @Test
    void aRepeatOfTwoRunsReturnsBothRunsAndStoresTheExperimentWithItsReport() throws Exception {
        Path db = dir.resolve("runs.db");
        Path folder = dir.resolve("repeat");
        RepeatOptions repeat = new RepeatOptions(target(), CLIENT, TINY, 2, OptionalDouble.empty(), 20,
                LevelMetric.parse("total-tokens-per-s"), ExperimentRun.Restart.NONE, ExperimentDeployments.none());

        ExperimentRun.Result<RepeatResult> run = ExperimentRun.run(repeat,
                new ExperimentRun.Output(Optional.of(folder), Optional.of(DatabaseLocation.sqliteFile(db)), true), err);

        assertThat(run.analysis().outcomes()).hasSize(2);
        assertThat(run.analysis().ciTargetMet()).isTrue();
        assertThat(run.ended().folder()).isEqualTo(folder);
        assertThat(run.ended().report()).contains(folder.resolve("report.html"));
        assertThat(folder.resolve("report.html")).isNotEmptyFile();
        // Each run in its own folder, named for the report to read back.
        try (var children = Files.list(folder)) {
            assertThat(children.filter(f -> RunFolders.trialGroup(f).isPresent()).sorted().toList()).hasSize(2)
                    .allSatisfy(f -> assertThat(f.resolve("summary.json")).isNotEmptyFile());
        }
        assertThat(errText.toString()).contains("servebench: experiment repeat " + run.ended().experimentId().orElseThrow());
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            StoredExperiment stored = store.findExperiment(run.ended().experimentId().orElseThrow()).orElseThrow();
            assertThat(stored.kind()).isEqualTo("repeat");
            assertThat(stored.status()).isEqualTo("complete");
            assertThat(stored.parameter("runs")).contains("2");
            assertThat(stored.resultsFolder()).contains(folder.toAbsolutePath().toString());
            assertThat(store.runsOf(stored.id())).hasSize(2)
                    .extracting(r -> r.id()).containsExactlyInAnyOrderElementsOf(run.analysis().outcomes().stream()
                            .map(o -> o.runId().orElseThrow()).toList());
        }
    }

    @Test
    void anAblationChecksEachConditionsAccuracyBesideItsSpeedRuns() throws Exception {
        AblationOptions ablation = fixture.ablationWithAccuracyCheck(TINY);
        Path folder = dir.resolve("ablation");

        ExperimentRun.Result<AblationResult> run = ExperimentRun.run(ablation,
                new ExperimentRun.Output(Optional.of(folder), Optional.empty(), false), err);

        assertThat(run.analysis().outcomes()).hasSize(4);
        assertThat(run.analysis().conditions()).containsExactly("a", "b");
        // The same oracle answers both conditions: the same items right, no regression.
        List<ConditionAccuracy> accuracy = run.analysis().accuracy().orElseThrow().conditions();
        assertThat(accuracy).extracting(ConditionAccuracy::condition).containsExactly("a", "b");
        assertThat(accuracy).allSatisfy(c -> assertThat(c.tasks().getFirst().correct())
                .isEqualTo(20 - oracle.wrong()));
        assertThat(run.analysis().accuracy().orElseThrow().regression()).isFalse();
        assertThat(folder.resolve("eval-a/eval.json")).isNotEmptyFile();
        assertThat(folder.resolve("eval-b/eval.json")).isNotEmptyFile();
        // Without a database and a report, nothing but the folder.
        assertThat(run.ended().experimentId()).isEmpty();
        assertThat(run.ended().report()).isEmpty();
        assertThat(folder.resolve("report.html")).doesNotExist();
    }

    @Test
    void aParetoSweepPredictsSimulatedCandidatesInThisProcess() throws Exception {
        Map<String, Supplier<LevelExecutor>> simulated = new java.util.LinkedHashMap<>();
        List<TargetSpec> targets = new java.util.ArrayList<>();
        for (int gpus : new int[] {4, 8}) {
            SimulatedDeployment d = deployment(gpus);
            simulated.put("tp" + gpus, () -> new VirtualLevelExecutor(d.newEngine(), d.stepTime(),
                    new PromptEncoder(ImageTokens.fixed(100)), Duration.ofSeconds(300)));
            targets.add(new TargetSpec("tp" + gpus, URI.create("virtual://mi325x"), MODEL, gpus));
        }
        BenchmarkConfig levels = TINY.toBuilder().scalingLevels(List.of(2, 8)).build();
        ParetoOptions pareto = new ParetoOptions(targets, simulated, CLIENT, levels, ExperimentDeployments.none(),
                new ParetoOptions.Given(List.of(), List.of("tp4=...", "tp8=..."), Map.of()));
        Path folder = dir.resolve("pareto");

        ExperimentRun.Result<ParetoResult> run = ExperimentRun.run(pareto,
                new ExperimentRun.Output(Optional.of(folder), Optional.empty(), true), err);

        // Two candidates at two levels, each charted.
        assertThat(run.analysis().points()).hasSize(4)
                .extracting(p -> p.configuration()).containsOnly("tp4", "tp8");
        assertThat(Files.readString(folder.resolve("01-tp4-0/summary.json"))).contains("virtual://mi325x");
        assertThat(Files.readString(folder.resolve("report.html"))).contains("\"frontier\":[{");
    }

    @Test
    void candidatesOfOneNameAreRefusedBeforeAnythingRuns() {
        List<TargetSpec> twice = List.of(new TargetSpec("a", URI.create("http://127.0.0.1:1"), MODEL, 1),
                new TargetSpec("a", URI.create("virtual://mi325x"), MODEL, 4));
        assertThatThrownBy(() -> new ParetoOptions(twice, Map.of(), CLIENT, TINY, ExperimentDeployments.none(),
                new ParetoOptions.Given(List.of(), List.of(), Map.of())))
                .hasMessageContaining("the name 'a' is given to two deployments");
    }

    @Test
    void anExperimentWhoseServerCannotAnswerIsRecordedAsFailed() throws Exception {
        Path db = dir.resolve("runs.db");
        RepeatOptions repeat = new RepeatOptions(ExperimentRun.server(URI.create("http://127.0.0.1:" + freePort()),
                "m"), CLIENT, TINY, 2, OptionalDouble.empty(), 20, LevelMetric.parse("total-tokens-per-s"),
                ExperimentRun.Restart.NONE, ExperimentDeployments.none());

        assertThatThrownBy(() -> ExperimentRun.run(repeat, new ExperimentRun.Output(Optional.of(dir.resolve("x")),
                Optional.of(DatabaseLocation.sqliteFile(db)), true), err)).isInstanceOf(RuntimeException.class);

        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            assertThat(store.experiments(RunFilter.ALL)).singleElement()
                    .satisfies(x -> assertThat(x.status()).isEqualTo("failed"));
        }
    }

    private static TargetSpec target() {
        return fixture.target();
    }

    private static SimulatedDeployment deployment(int gpus) {
        return OracleSimulator.deployment(gpus);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
