package dev.servebench.store;

import dev.servebench.testing.EndToEnd;
import dev.servebench.results.ToolInfo;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.Workload;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.testing.FakeOpenAiServer;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The results store on SQLite and on PostgreSQL: the same tests, the same schema. */
@EndToEnd
class RunStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aRecordedBenchmarkReadsBackWithEveryLevelAndItsMetrics(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        BenchmarkResult result;
        String runId;
        try (RunStore store = RunStore.open(db);
             FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m"))) {
            RunRecorder recorder = new RunRecorder(store, RunContext.bench(dir.resolve("requests.jsonl")));
            result = Benchmark.builder()
                    .target(new TargetInfo("fake vllm", server.baseUri().toString(), "m"))
                    .config(smallConfig())
                    .executor(new HttpLevelExecutor(client))
                    .listener(recorder)
                    .build().run();
            runId = recorder.runId();
        }
        try (RunStore store = RunStore.open(db)) {
            StoredRun run = store.find(runId).orElseThrow();
            assertThat(run.kind()).isEqualTo(RunKind.BENCH);
            assertThat(run.status().toString()).isEqualTo("complete");
            assertThat(run.target().model()).isEqualTo("m");
            assertThat(run.environment().name()).isEqualTo("servebench");
            assertThat(run.environment().javaVersion()).isNotBlank();
            assertThat(run.requestsFile()).contains(dir.resolve("requests.jsonl").toAbsolutePath().toString());
            assertThat(run.configJson()).contains("\"scaling_levels\":[1,3]");
            assertThat(run.levels()).extracting(StoredLevel::key)
                    .containsExactly("BASELINE c=1", "SCALING c=1", "SCALING c=3");
            for (int i = 0; i < run.levels().size(); i++) {
                var stored = run.levels().get(i).metrics();
                var measured = result.levels().get(i).metrics();
                assertThat(stored.totalTokensPerSecond()).isEqualTo(measured.totalTokensPerSecond());
                assertThat(stored.latencySeconds()).isEqualTo(measured.latencySeconds());
                assertThat(stored.ttftMillis().p99()).isEqualTo(measured.ttftMillis().p99());
                assertThat(stored.requests()).isEqualTo(4);
            }
            assertThat(store.find(runId.substring(0, 10))).map(StoredRun::id).contains(runId);
            assertThat(store.find("19990101")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void listFiltersByModelTargetKindAndDate(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        try (RunStore store = RunStore.open(db)) {
            String a = store.startRun(RunContext.bench(dir.resolve("a.jsonl")), new TargetInfo("box-a",
                    "http://a:8000", "llama-8b"), smallConfig(), ToolInfo.current(), RecordingProcess.current(),
                    1_700_000_000_000L);
            String b = store.startRun(new RunContext(RunKind.PREDICT, Optional.empty(), Optional.empty()),
                    new TargetInfo("simulator", "sim://h100", "qwen-7b"), smallConfig(), ToolInfo.current(),
                    RecordingProcess.current(), 1_700_000_100_000L);
            store.finishRun(a, true, 1_700_000_050_000L);
            assertThat(ids(store.list(RunFilter.ALL))).containsExactly(b, a);
            assertThat(ids(store.list(filter(Optional.of("LLAMA"), Optional.empty(), Optional.empty())))).containsExactly(a);
            assertThat(ids(store.list(filter(Optional.empty(), Optional.of("sim://"), Optional.empty())))).containsExactly(b);
            assertThat(ids(store.list(filter(Optional.empty(), Optional.empty(), Optional.of(RunKind.BENCH))))).containsExactly(a);
            assertThat(ids(store.list(new RunFilter(Optional.empty(), Optional.empty(),
                    Optional.of(Instant.ofEpochMilli(1_700_000_050_000L)), Optional.empty(), Optional.empty(),
                    Optional.empty(), 10)))).containsExactly(b);
            assertThat(store.find(a).orElseThrow().status().toString()).isEqualTo("complete");
            assertThat(store.find(b).orElseThrow().status().toString()).isEqualTo("running");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void experimentsGroupTheirRunsInOrder(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        try (RunStore store = RunStore.open(db)) {
            String x = store.createExperiment("ablation", java.util.Map.of("runs", 2), 1_700_000_000_000L);
            for (int i = 0; i < 4; i++) {
                String group = i % 2 == 0 ? "on" : "off";
                store.startRun(new RunContext(RunKind.EXPERIMENT, Optional.empty(),
                                Optional.of(new StoredRun.Membership(x, group, i / 2))),
                        new TargetInfo("t", "http://t", "m"), smallConfig(), ToolInfo.current(),
                        RecordingProcess.current(), 1_700_000_000_000L + i);
            }
            store.finishExperiment(x, dev.servebench.store.ExperimentStatus.COMPLETE, java.util.Map.of("verdict", "faster"));
            StoredExperiment stored = store.findExperiment(x.substring(0, 12)).orElseThrow();
            assertThat(stored.kind()).isEqualTo("ablation");
            assertThat(stored.status().toString()).isEqualTo("complete");
            assertThat(stored.resultJson()).hasValueSatisfying(j -> assertThat(j).contains("faster"));
            List<StoredRun> runs = store.runsOf(x);
            assertThat(runs).extracting(r -> r.experiment().orElseThrow().group()).containsExactly("on", "off", "on", "off");
            assertThat(runs).extracting(r -> r.experiment().orElseThrow().index()).containsExactly(0, 0, 1, 1);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void migrationsAreVersionedAndReopeningDoesNotReapplyThem(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        RunStore.open(db).close();
        RunStore.open(db).close();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getBoolean("success")).isTrue();
                versions.add(rs.getString("version"));
            }
            assertThat(versions).containsExactly("1", "2", "3", "4");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void accuracyChecksAreStoredPerTaskAndFoundByTheirIdOrTheirExperiment(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        try (RunStore store = RunStore.open(db)) {
            String x = store.createExperiment("ablation", java.util.Map.of("alpha", 0.05), 1_700_000_000_000L);
            String plain = RunStore.newEvalId(1_700_000_000_000L);
            String inExperiment = RunStore.newEvalId(1_700_000_001_000L);
            store.recordEval(List.of(new StoredEval(plain, "gsm8k", 1_700_000_000_000L, Optional.empty(),
                    Optional.empty(), "http://127.0.0.1:8000", "m", "gsm8k", "gsm8k.jsonl", 20, 3, 1, 0.15, 0.05, 0.36,
                    "results/e")));
            store.recordEval(List.of(new StoredEval(inExperiment, "mmlu", 1_700_000_001_000L, Optional.of(x),
                    Optional.of("fp8"), "http://127.0.0.1:8000", "m", "mmlu", "mmlu.jsonl", 500, 450, 0, 0.9, 0.87,
                    0.92, "results/x/eval-fp8")));
            assertThat(store.evals(plain)).singleElement().satisfies(e -> {
                assertThat(e.task()).isEqualTo("gsm8k");
                assertThat(e.correct()).isEqualTo(3);
                assertThat(e.failedRequests()).isEqualTo(1);
                assertThat(e.ci95High()).isEqualTo(0.36);
                assertThat(e.experimentId()).isEmpty();
            });
            assertThat(store.evals(x)).singleElement().satisfies(e -> {
                assertThat(e.evalId()).isEqualTo(inExperiment);
                assertThat(e.condition()).contains("fp8");
                assertThat(e.accuracy()).isEqualTo(0.9);
            });
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void anAmbiguousPrefixSaysSo(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        try (RunStore store = RunStore.open(db)) {
            for (int i = 0; i < 2; i++) {
                store.startRun(RunContext.bench(dir), new TargetInfo("t", "u", "m"), smallConfig(), ToolInfo.current(),
                        RecordingProcess.current(), 1_700_000_000_000L);
            }
            assertThatThrownBy(() -> store.find("2023")).hasMessageContaining("matches 2 entries");
        }
    }

    private static RunFilter filter(Optional<String> model, Optional<String> target, Optional<RunKind> kind) {
        return new RunFilter(model, target, Optional.empty(), Optional.empty(), kind, Optional.empty(), 10);
    }

    private static List<String> ids(List<StoredRun> runs) {
        return runs.stream().map(StoredRun::id).toList();
    }

    static BenchmarkConfig smallConfig() {
        return BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE, Phase.SCALING))
                .baselineRequests(4).scalingLevels(List.of(1, 3)).requestsPerLevel(4)
                .mainWorkload(new Workload(16, 4, 0)).ignoreEos(true).cooldown(Duration.ZERO).build();
    }
}
