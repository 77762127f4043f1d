package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.bench.Workload;
import dev.servebench.distributed.ClientSettings;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskFile;
import dev.servebench.experiment.AblationResult;
import dev.servebench.experiment.AblationSettings;
import dev.servebench.experiment.AccuracyPlan;
import dev.servebench.experiment.ConditionAccuracy;
import dev.servebench.experiment.ParetoResult;
import dev.servebench.experiment.RepeatResult;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.Oracle;
import dev.servebench.sim.server.SimBackend;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
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
import java.util.OptionalInt;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ExperimentRun} called directly, as a caller other than the command line would: an experiment's options in,
 * its analysis and where it went out, against the simulator served in this process (or predicted in virtual time).
 */
class ExperimentRunTest {
    private static final String MODEL = "qwen3-235b-a22b";
    private static final Path TASKS = Path.of("src", "test", "resources", "eval");
    private static final ClientAccess CLIENT = new ClientAccess(new ClientSettings(
            ClientSettings.defaults().api(), true, Duration.ofSeconds(5), Duration.ofSeconds(60), false,
            Duration.ofSeconds(4), TokenizerChoice.parse("estimate")), Optional.empty());
    /** Tiny, forced-length requests: a trial takes well under a second. */
    private static final BenchmarkConfig TINY = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
            .scalingLevels(List.of(4)).requestsPerLevel(8).mainWorkload(new Workload(64, 16, 0)).ignoreEos(true)
            .cooldown(Duration.ZERO).build();

    private static EvalTask arithmetic;
    private static Oracle oracle;
    private static SimServer sim;

    @TempDir
    Path dir;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @BeforeAll
    static void startTheSimulator() throws Exception {
        arithmetic = TaskFile.read("gsm8k:" + TASKS.resolve("arithmetic_500.jsonl"), Optional.empty(), OptionalInt.of(20));
        oracle = Oracle.of(List.of(arithmetic), 0.10, 7);
        SimulatedDeployment d = deployment(8);
        sim = SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE, Optional.of(oracle));
    }

    @AfterAll
    static void stopTheSimulator() throws Exception {
        sim.close();
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
        AblationOptions ablation = new AblationOptions(target(), CLIENT, TINY,
                new AblationSettings(List.of("a", "b"), 2, List.of(LevelMetric.parse("total-tokens-per-s")), 0.05),
                List.of("a=", "b="), Map.of(), Optional.empty(), ExperimentDeployments.none(),
                Optional.of(new AblationOptions.Accuracy(List.of("arithmetic"), List.of(arithmetic),
                        new EvalSettings(OptionalInt.empty(), 8, 1234), AccuracyPlan.When.AFTER)));
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
        return ExperimentRun.server(sim.baseUri(), "sim-model");
    }

    private static SimulatedDeployment deployment(int gpus) {
        return SimulatedDeployment.of(ModelCatalogue.load(MODEL), AcceleratorCatalogue.get("mi325x"),
                ServingOptions.defaults(gpus));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
