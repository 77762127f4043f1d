package dev.servebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.bench.Workload;
import dev.servebench.distributed.ClientSettings;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTables;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskFile;
import dev.servebench.eval.TaskResult;
import dev.servebench.experiment.AblationResult;
import dev.servebench.experiment.AblationSettings;
import dev.servebench.experiment.AccuracyPlan;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.RepeatResult;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.Oracle;
import dev.servebench.sim.server.SimBackend;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.testing.PrintedTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #29 for experiments and eval: what the command prints (ExperimentTables / EvalTables text, as the commands
 * print it) and what the report writes (tables/&lt;id&gt;.csv and the page's tables) are one table, cell for cell.
 * Each is run through the application (ExperimentRun, EvalRun) against the simulator served in this process.
 */
class ExperimentAndEvalTablesAgreeTest {
    private static final Path TASKS = Path.of("src", "test", "resources", "eval");
    private static final ClientAccess CLIENT = new ClientAccess(new ClientSettings(
            ClientSettings.defaults().api(), true, Duration.ofSeconds(5), Duration.ofSeconds(60), false,
            Duration.ofSeconds(4), TokenizerChoice.parse("estimate")), Optional.empty());
    private static final BenchmarkConfig TINY = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
            .scalingLevels(List.of(2, 4)).requestsPerLevel(8).mainWorkload(new Workload(64, 16, 0)).ignoreEos(true)
            .cooldown(Duration.ZERO).build();

    private static EvalTask arithmetic;
    private static SimServer sim;

    @TempDir
    Path dir;

    private final PrintWriter err = new PrintWriter(new StringWriter(), true);

    @BeforeAll
    static void startTheSimulator() throws Exception {
        arithmetic = TaskFile.read("gsm8k:" + TASKS.resolve("arithmetic_500.jsonl"), Optional.empty(), OptionalInt.of(20));
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        sim = SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE,
                Optional.of(Oracle.of(List.of(arithmetic), 0.10, 7)));
    }

    @AfterAll
    static void stopTheSimulator() throws Exception {
        sim.close();
    }

    @Test
    void aRepeatPrintsTheRowsItsReportWrites() throws Exception {
        Path folder = dir.resolve("repeat");
        RepeatOptions repeat = new RepeatOptions(target(), CLIENT, TINY, 2, OptionalDouble.empty(), 20,
                LevelMetric.parse("total-tokens-per-s"), ExperimentRun.Restart.NONE, ExperimentDeployments.none());

        ExperimentRun.Result<RepeatResult> run = ExperimentRun.run(repeat,
                new ExperimentRun.Output(Optional.of(folder), Optional.empty(), true), err);

        String printed = ExperimentTables.repeat(run.analysis());
        // Two levels, four metrics each; two trials.
        assertAgree(printed, folder, Map.of("repeat", 8, "trials", 2));
        // The analysis's table stands in place of the one the report would work out from the folders.
        assertThat(folder.resolve("tables/reproducibility.csv")).doesNotExist();
    }

    @Test
    void anAblationWithItsAccuracyCheckPrintsTheRowsItsReportWrites() throws Exception {
        AblationOptions ablation = new AblationOptions(target(), CLIENT, TINY,
                new AblationSettings(List.of("a", "b"), 2, List.of(LevelMetric.parse("total-tokens-per-s")), 0.05),
                List.of("a=", "b="), Map.of(), Optional.empty(), ExperimentDeployments.none(),
                Optional.of(new AblationOptions.Accuracy(List.of("arithmetic"), List.of(arithmetic),
                        new EvalSettings(OptionalInt.empty(), 8, 1234), AccuracyPlan.When.AFTER)));
        Path folder = dir.resolve("ablation");

        ExperimentRun.Result<AblationResult> run = ExperimentRun.run(ablation,
                new ExperimentRun.Output(Optional.of(folder), Optional.empty(), true), err);

        String printed = ExperimentTables.ablation(run.analysis());
        assertAgree(printed, folder, Map.of("ablation", 2, "accuracy", 1, "trials", 4));
        // Both conditions ran against one target: each is a line of its own on the charts, named after it, its two
        // trials its repetitions.
        JsonNode series = PrintedTables.reportData(folder.resolve("report.html")).path("series");
        assertThat(series).hasSize(2);
        assertThat(series.get(0).path("label").asText()).endsWith(" @ a");
        assertThat(series.get(1).path("label").asText()).endsWith(" @ b");
        assertThat(series.get(0).path("runs").asInt()).isEqualTo(2);
    }

    @Test
    void anEvalPrintsTheRowsItsReportWrites() throws Exception {
        EvalTask mmlu = TaskFile.read("mmlu:" + TASKS.resolve("mmlu_sample.jsonl"), Optional.empty(),
                OptionalInt.empty());
        Path folder = dir.resolve("eval");

        EvalRun.Result run = EvalRun.run(new EvalRun.Options(sim.baseUri(), "sim-model", CLIENT,
                List.of(arithmetic, mmlu), new EvalSettings(OptionalInt.empty(), 8, 1234), folder, Optional.empty()),
                err);

        String printed = EvalTables.accuracy(run.results().stream().map(TaskResult::accuracy).toList());
        assertAgree(printed, folder, Map.of("accuracy", 2));
    }

    /**
     * Each table id: the printed grid under the CSV's header has the CSV's rows (and as many as expected), and the
     * report page's table of that id has the same header and rows.
     */
    private static void assertAgree(String printed, Path folder, Map<String, Integer> rowsPerTable)
            throws IOException {
        JsonNode page = PrintedTables.reportData(folder.resolve("report.html"));
        rowsPerTable.forEach((id, rows) -> {
            try {
                List<List<String>> csv = PrintedTables.csv(folder.resolve("tables").resolve(id + ".csv"));
                List<List<String>> body = csv.subList(1, csv.size());
                assertThat(body).as(id).hasSize(rows);
                assertThat(PrintedTables.grid(printed, csv.getFirst()).rows()).as(id).isEqualTo(body);
                assertThat(PrintedTables.reportTable(page, id)).as(id).isEqualTo(csv);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static dev.servebench.experiment.TargetSpec target() {
        return ExperimentRun.server(sim.baseUri(), "sim-model");
    }
}
