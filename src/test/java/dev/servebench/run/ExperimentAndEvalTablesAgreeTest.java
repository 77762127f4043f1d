package dev.servebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTables;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskFile;
import dev.servebench.eval.TaskResult;
import dev.servebench.experiment.AblationResult;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.RepeatResult;
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
    private static final ClientAccess CLIENT = OracleSimulator.CLIENT;
    private static final BenchmarkConfig TINY = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
            .scalingLevels(List.of(2, 4)).requestsPerLevel(8).mainWorkload(new Workload(64, 16, 0)).ignoreEos(true)
            .cooldown(Duration.ZERO).build();

    private static EvalTask arithmetic;
    private static OracleSimulator fixture;

    @TempDir
    Path dir;

    private final PrintWriter err = new PrintWriter(new StringWriter(), true);

    @BeforeAll
    static void startTheSimulator() throws Exception {
        fixture = OracleSimulator.start();
        arithmetic = fixture.arithmetic;
    }

    @AfterAll
    static void stopTheSimulator() throws Exception {
        fixture.close();
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
        AblationOptions ablation = fixture.ablationWithAccuracyCheck(TINY);
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
        EvalTask mmlu = TaskFile.read("mmlu:" + OracleSimulator.TASKS.resolve("mmlu_sample.jsonl"), Optional.empty(),
                OptionalInt.empty());
        Path folder = dir.resolve("eval");

        EvalRun.Result run = EvalRun.run(new EvalRun.Options(fixture.sim.baseUri(), "sim-model", CLIENT,
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
        return fixture.target();
    }
}
