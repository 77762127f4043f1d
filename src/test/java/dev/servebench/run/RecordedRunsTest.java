package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.export.ExportFormat;
import dev.servebench.json.Json;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.results.ToolInfo;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.ExperimentStatus;
import dev.servebench.store.RecordingProcess;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStatus;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;
import dev.servebench.store.StoredRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code runs} application classes called directly, against a database that two short predictions (the second
 * with longer prompts), a plan and an accuracy check were recorded in, and one holding an experiment of two
 * conditions run twice each.
 */
class RecordedRunsTest {
    @TempDir
    static Path dir;

    static DatabaseLocation db;
    static String shortPrompts;
    static String longPrompts;
    static String planId;
    static String evalId;
    /** Another database: an experiment whose conditions "on" and "off" each ran twice (the short prediction's levels). */
    static DatabaseLocation experimentDb;
    static String experimentId;

    @BeforeAll
    static void record() throws Exception {
        db = DatabaseLocation.sqliteFile(dir.resolve("runs.db"));
        PredictRun.Result shortRun = run("short", 256);
        shortPrompts = shortRun.ended().outcome().runId().orElseThrow();
        longPrompts = run("long", 512).ended().outcome().runId().orElseThrow();
        recordExperiment(shortRun.benchmark());
        try (RunStore store = RunStore.open(db)) {
            planId = store.createExperiment("plan", Map.of("model", "llama-3.1-70b", "nodes", 2, "gpus_per_node", 8,
                    "gpu", "h100", "results_folder", dir.resolve("plan").toString()), System.currentTimeMillis());
            store.finishExperiment(planId, ExperimentStatus.COMPLETE, Map.of("decisions", List.of(
                    Map.of("concurrency", 8, "best", Map.of("shape", "2 x TP8"), "runner_up", "none",
                            "shapes_meeting_slo", 1),
                    Map.of("concurrency", 64, "best", "none", "runner_up", "none", "shapes_meeting_slo", 0))));
            evalId = RunStore.newEvalId(System.currentTimeMillis());
            store.recordEval(List.of(new StoredEval(evalId, "arithmetic", System.currentTimeMillis(), Optional.empty(),
                    Optional.empty(), "http://127.0.0.1:1", "m", "qa", "tasks.jsonl", 10, 9, 0, 0.9, 0.6, 0.98,
                    dir.resolve("eval").toString())));
        }
    }

    private static void recordExperiment(BenchmarkResult trial) {
        experimentDb = DatabaseLocation.sqliteFile(dir.resolve("experiment.db"));
        try (RunStore store = RunStore.open(experimentDb)) {
            long start = System.currentTimeMillis();
            experimentId = store.createExperiment("ablation", Map.of("model", "gpt-oss-120b"), start);
            int index = 0;
            for (String group : List.of("on", "off", "on", "off")) {
                String id = store.startRun(new RunContext(RunKind.BENCH, Optional.empty(), Optional.of(
                        new StoredRun.Membership(experimentId, group, index))), trial.target(), trial.config(),
                        ToolInfo.current(), RecordingProcess.current(), start + 1000L * ++index);
                for (int i = 0; i < trial.levels().size(); i++) {
                    store.addLevel(id, i, trial.levels().get(i));
                }
                store.finishRun(id, true, start + 1000L * index + 500);
            }
            store.finishExperiment(experimentId, ExperimentStatus.COMPLETE, null);
        }
    }

    private static PredictRun.Result run(String name, int inputTokens) throws Exception {
        BenchmarkConfig workload = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                .scalingLevels(List.of(1, 4)).requestsPerLevel(8).mainWorkload(new Workload(inputTokens, 16, 0))
                .build();
        PredictRun.Result result = PredictRun.run(new PredictRun.Options(SimulatedDeployment.of(
                ModelCatalogue.load("gpt-oss-120b"), AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(4)),
                8, Optional.empty(), Optional.empty(), false, workload, ImageTokens.DEFAULT,
                AnswerLengths.UNTIL_MAX_TOKENS, Duration.ofSeconds(300), dir.resolve(name), false, Optional.of(db)),
                note -> { });
        return result;
    }

    @Test
    void showFindsEachKindByAPrefixAndSaysWhenThereIsNone() {
        RunsShow.Result run = RunsShow.show(new RunsShow.Options(db, shortPrompts.substring(0, shortPrompts.length() - 2)));
        assertThat(run).isInstanceOfSatisfying(RunsShow.RunShown.class, r -> {
            assertThat(r.run().id()).isEqualTo(shortPrompts);
            assertThat(r.run().levels()).hasSize(2);
            assertThat(r.seed()).as("the seed its prompts came from").isPresent();
            assertThat(r.process()).as("a complete run has no process to report").isEmpty();
        });

        RunsShow.Result plan = RunsShow.show(new RunsShow.Options(db, planId));
        assertThat(plan).isInstanceOfSatisfying(RunsShow.PlanShown.class, p -> assertThat(p.decisions().orElseThrow())
                .containsExactly(new RunsShow.Decision("8", Optional.of("2 x TP8"), Optional.empty(), "1"),
                        new RunsShow.Decision("64", Optional.empty(), Optional.empty(), "0")));

        assertThat(RunsShow.show(new RunsShow.Options(db, evalId))).isInstanceOfSatisfying(RunsShow.EvalShown.class,
                e -> assertThat(e.check().tasks()).extracting(StoredEval::task).containsExactly("arithmetic"));

        assertThatThrownBy(() -> RunsShow.show(new RunsShow.Options(db, "19990101")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no run, experiment, plan or eval with id '19990101' in " + db.display()
                        + "; servebench runs list shows the ids recorded there");
    }

    @Test
    void listIsNewestFirstCutAtTheLimitAndFilteredByKind() {
        RunsList.Result all = RunsList.list(options(Optional.empty(), Optional.empty(), 50));
        assertThat(all.entries()).extracting(RunsList.Entry::id).containsExactly(evalId, planId, longPrompts,
                shortPrompts);
        assertThat(List.of(all.runs(), all.experiments(), all.plans(), all.evals())).containsExactly(2L, 0L, 1L, 1L);
        assertThat(all.entries().get(2)).isInstanceOfSatisfying(RunsList.RunEntry.class, r -> {
            assertThat(r.measured().measuredLevels()).isEqualTo(2);
            assertThat(r.measured().peakTotalTokensPerSecond()).isPositive();
        });
        assertThat(all.interrupted()).isFalse();
        assertThat(all.runningElsewhere()).isEmpty();
        assertThat(all.database()).isEqualTo(db.display());

        assertThat(RunsList.list(options(Optional.empty(), Optional.empty(), 2)).entries())
                .extracting(RunsList.Entry::id).containsExactly(evalId, planId);
        assertThat(RunsList.list(options(Optional.of(RunKind.PREDICT), Optional.empty(), 50)).entries())
                .extracting(RunsList.Entry::id).containsExactly(longPrompts, shortPrompts);
        assertThatThrownBy(() -> RunsList.list(options(Optional.empty(), Optional.of("x1999"), 50)))
                .hasMessageStartingWith("no experiment or plan 'x1999' in ");
    }

    private static RunsList.Options options(Optional<RunKind> kind, Optional<String> experiment, int limit) {
        return new RunsList.Options(db, Optional.empty(), Optional.empty(), kind,
                Optional.of(Instant.parse("2000-01-01T00:00:00Z")), Optional.empty(), experiment, limit);
    }

    @Test
    void compareRefusesDifferentWorkloadsUnlessForcedAndComparesEveryLevel() {
        List<LevelMetric> metrics = List.of(LevelMetric.TOTAL_TOKENS_PER_S);
        assertThatThrownBy(() -> RunsCompare.compare(new RunsCompare.Options(db, List.of(shortPrompts, longPrompts),
                metrics, 0.05, false))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("the runs asked different things of the server (")
                .hasMessageContaining(shortPrompts + " vs " + longPrompts).hasMessageEndingWith("give --force to "
                        + "compare them anyway");

        RunsCompare.Result forced = RunsCompare.compare(new RunsCompare.Options(db, List.of(shortPrompts, longPrompts),
                metrics, 0.05, true));
        assertThat(forced.differences()).isNotEmpty();
        assertThat(forced.groups()).extracting(g -> g.label()).containsExactly(shortPrompts, longPrompts);
        assertThat(forced.repeated()).as("single runs").isFalse();
        assertThat(forced.rows(LevelMetric.TOTAL_TOKENS_PER_S)).hasSize(2).allSatisfy(row -> {
            assertThat(row.perGroup()).hasSize(2).allSatisfy(s -> assertThat(s).isPresent());
            assertThat(row.vsFirst()).singleElement().satisfies(c -> assertThat(c).isPresent());
        });

        RunsCompare.Result same = RunsCompare.compare(new RunsCompare.Options(db, List.of(shortPrompts, shortPrompts),
                metrics, 0.05, false));
        assertThat(same.differences()).isEmpty();
        assertThatThrownBy(() -> RunsCompare.compare(new RunsCompare.Options(db, List.of(shortPrompts,
                shortPrompts + ":on"), metrics, 0.05, false)))
                .hasMessage("'" + shortPrompts + ":on': only experiment ids (x…) take a :GROUP");
        assertThatThrownBy(() -> RunsCompare.compare(new RunsCompare.Options(db, List.of(shortPrompts, "19990101"),
                metrics, 0.05, false))).hasMessage("no run '19990101' in " + db.display() + "; see servebench runs list");
    }

    @Test
    void anExperimentIsShownWithItsRunsAndItsGroupsComparedAsRepeatedSamples() {
        RunsShow.Result shown = RunsShow.show(new RunsShow.Options(experimentDb, experimentId));
        assertThat(shown).isInstanceOfSatisfying(RunsShow.ExperimentShown.class, x -> {
            assertThat(x.groups()).containsExactly("on", "off");
            assertThat(x.runs()).hasSize(4).allSatisfy(r -> assertThat(r.measuredLevels()).isEqualTo(2));
            assertThat(x.checks()).isEmpty();
        });
        assertThat(RunsList.list(new RunsList.Options(experimentDb, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(experimentId.substring(0, 10)), 50))
                .entries()).hasSize(5).first().isInstanceOf(RunsList.RunEntry.class);

        RunsCompare.Result groups = RunsCompare.compare(new RunsCompare.Options(experimentDb, List.of(
                experimentId + ":on", experimentId + ":off"), List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05, false));
        assertThat(groups.groups()).extracting(g -> g.label()).containsExactly(experimentId + ":on",
                experimentId + ":off");
        assertThat(groups.groups()).allSatisfy(g -> assertThat(g.runs()).hasSize(2));
        assertThat(groups.repeated()).as("two runs a group: Welch's t-test applies").isTrue();
        assertThat(groups.rows(LevelMetric.TOTAL_TOKENS_PER_S)).hasSize(2).allSatisfy(row ->
                assertThat(row.perGroup()).allSatisfy(s -> assertThat(s.orElseThrow().n()).isEqualTo(2)));
        RunsCompare.Result whole = RunsCompare.compare(new RunsCompare.Options(experimentDb, List.of(experimentId,
                experimentId + ":on"), List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05, false));
        assertThat(whole.groups().getFirst().runs()).as("an experiment's id is all its complete runs").hasSize(4);

        assertThatThrownBy(() -> RunsCompare.compare(new RunsCompare.Options(experimentDb, List.of(
                experimentId + ":on", experimentId + ":warm"), List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05, false)))
                .hasMessage("experiment " + experimentId + " has no complete runs in group 'warm'");
        assertThatThrownBy(() -> RunsCompare.compare(new RunsCompare.Options(experimentDb, List.of(
                experimentId, "x1999"), List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05, false)))
                .hasMessage("no experiment 'x1999' in " + experimentDb.display());
    }

    @Test
    void exportWritesTheLevelsCsvToAFileAndTheDocumentToTheOutputGiven() throws Exception {
        Path csv = dir.resolve("out/levels.csv");
        RunsExport.Result file = RunsExport.export(new RunsExport.Options(db, shortPrompts, ExportFormat.CSV, false,
                Optional.of(csv)), new PrintWriter(new StringWriter()), note -> { });
        assertThat(file.written()).containsExactly(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo(String.join(",", RunsExport.CSV_HEADER));
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(RunsExport.CSV_HEADER.size()));
        assertThat(lines.get(1)).startsWith(shortPrompts + ",");

        StringWriter text = new StringWriter();
        List<String> notes = new ArrayList<>();
        RunsExport.Result json = RunsExport.export(new RunsExport.Options(db, shortPrompts, ExportFormat.JSON, false,
                Optional.empty()), new PrintWriter(text, true), notes::add);
        assertThat(json.written()).isEmpty();
        var document = Json.mapper().readTree(text.toString());
        assertThat(document.path("schema").asText()).isEqualTo("servebench.run/1");
        assertThat(document.path("id").asText()).isEqualTo(shortPrompts);
        assertThat(document.path("levels")).hasSize(2);
        assertThat(notes).isEmpty();

        StringWriter requests = new StringWriter();
        RunsExport.export(new RunsExport.Options(db, shortPrompts, ExportFormat.CSV, true, Optional.empty()),
                new PrintWriter(requests, true), notes::add);
        assertThat(requests.toString().lines()).as("a header and one row per request").hasSize(1 + 2 * 8);
    }

    @Test
    void exportRefusesWhatItsFormatCannotWriteBeforeReadingTheDatabase() {
        DatabaseLocation none = DatabaseLocation.sqliteFile(dir.resolve("never-opened.db"));
        assertThatThrownBy(() -> new RunsExport.Options(none, "1", ExportFormat.PARQUET, false, Optional.empty()))
                .hasMessage("--format parquet writes a file, not stdout; add --out FILE.parquet");
        assertThatThrownBy(() -> new RunsExport.Options(none, "1", ExportFormat.JSON, true, Optional.empty()))
                .hasMessageStartingWith("--requests goes with --format csv");
        assertThatThrownBy(() -> new RunsExport.Options(none, "1", ExportFormat.CSV, false, Optional.of(dir)))
                .hasMessageContaining("is a folder; --format csv writes one file, e.g. --out " + dir.resolve("run.csv"));
        assertThat(dir.resolve("never-opened.db")).doesNotExist();
    }

    @Test
    void importRecordsAFolderTheDatabaseMissedAsTheRunItWas() {
        DatabaseLocation other = DatabaseLocation.sqliteFile(dir.resolve("other.db"));
        RunsImport.Result imported = RunsImport.run(new RunsImport.Options(other, dir.resolve("short"),
                RunKind.PREDICT));
        assertThat(imported.run().completedLive()).isFalse();
        assertThat(imported.run().status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(imported.run().levels()).isEqualTo(2);
        assertThat(imported.note()).isEmpty();
        assertThat(imported.database()).isEqualTo(other.display());
        RunsShow.Result shown = RunsShow.show(new RunsShow.Options(other, imported.run().runId()));
        assertThat(shown).isInstanceOfSatisfying(RunsShow.RunShown.class, r -> {
            assertThat(r.run().kind()).isEqualTo(RunKind.PREDICT);
            assertThat(r.run().levels()).hasSize(2);
        });

        assertThatThrownBy(() -> new RunsImport.Options(other, dir.resolve("short"), RunKind.EXPERIMENT))
                .hasMessageStartingWith("--kind experiment cannot be imported");
        assertThatThrownBy(() -> new RunsImport.Options(other, dir.resolve("short"), RunKind.EVAL))
                .hasMessageStartingWith("--kind eval cannot be imported");
    }

    /** {@code report ID}: a run's own folder through the same lookup, and clear refusals for the rest. */
    @Test
    void reportFindsARunsFolderByIdAndRefusesWhatHasNone() {
        try (ResultsFolders folders = new ResultsFolders(() -> db)) {
            assertThat(folders.of(shortPrompts)).singleElement()
                    .satisfies(f -> assertThat(f.resolve("summary.json")).exists());
            assertThatThrownBy(() -> folders.of(evalId)).hasMessageContaining("is an accuracy check");
            assertThatThrownBy(() -> folders.of("no-such-id"))
                    .hasMessageContaining("no results folder or run/experiment id 'no-such-id'");
        }
        try (ResultsFolders unused = new ResultsFolders(() -> {
            throw new AssertionError("no id asked: the database is not needed");
        })) {
            assertThat(unused).isNotNull();
        }
    }
}
