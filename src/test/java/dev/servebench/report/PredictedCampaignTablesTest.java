package dev.servebench.report;

import dev.servebench.report.tables.ComparisonTables;
import dev.servebench.report.tables.RepeatAndAblationTables;
import dev.servebench.report.tables.ScalingTables;
import dev.servebench.report.tables.StudyTables;
import dev.servebench.table.CsvTables;
import dev.servebench.table.MarkdownTables;
import dev.servebench.table.ReportTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The study's campaign (four models, its phases and levels) predicted in virtual time, then
 * reported: every table in the study's shape, with numbers that follow from the runs.
 */
class PredictedCampaignTablesTest {
    private static final Map<String, Double> ACTIVE_B = Map.of("Llama-3.1-405B", 405.0, "DeepSeek V3.2", 37.0,
            "Qwen3-VL-235B-A22B", 22.0, "Kimi-K2.5", 32.0);
    private static final List<String> MODELS = List.of("Llama-3.1-405B", "DeepSeek V3.2", "Qwen3-VL-235B-A22B",
            "Kimi-K2.5");

    @TempDir
    static Path dir;
    static ReportModel model;
    static List<ReportTable> tables;

    @BeforeAll
    static void predictTheCampaign() throws IOException {
        List<ReportRun> runs = new ArrayList<>();
        // The built-in simulator predicts each model's campaign in virtual time.
        for (String m : MODELS) {
            runs.add(ReportFixtures.load(dir.resolve(m.replace(' ', '_')), m, ReportFixtures.simulator(m),
                    ReportFixtures.studyConfig(ACTIVE_B.get(m), 60)));
        }
        // Two more Llama runs with other prompt seeds: the reproducibility table needs repetitions.
        for (long seed = 2; seed <= 3; seed++) {
            runs.add(ReportFixtures.load(dir.resolve("llama-" + seed), "Llama-3.1-405B",
                    ReportFixtures.simulator("Llama-3.1-405B"),
                    ReportFixtures.studyConfig(405, 60).toBuilder().seed(seed).build()));
        }
        model = ReportModel.of(runs);
        tables = StudyTables.of(model);
    }

    @Test
    void tablesHaveTheStudysColumnsInItsOrder() {
        assertThat(table("scaling").columns()).containsSubsequence("concurrency", "total_tok_s", "output_tok_s",
                "p99_s", "status");
        assertThat(table("peak").columns()).containsExactly("model", "workload", "peak_tok_s", "output_tok_s",
                "peak_concurrency", "saturation_point", "success_pct");
        assertThat(table("architecture").columns()).contains("ratio_to_baseline");
        assertThat(table("normalized").columns()).endsWith("tok_s_per_active_b");
        assertThat(table("reproducibility").columns()).containsExactly("model", "level", "n", "mean_tok_s",
                "stdev_tok_s", "ci95_low", "ci95_high", "cov_pct", "range_pct");
        assertThat(tables).extracting(ReportTable::id)
                .containsExactly("scaling", "levels", "peak", "architecture", "normalized", "reproducibility");
    }

    @Test
    void scalingHasOneRowPerMeasuredLevelOfEachModel() {
        // BASELINE 1 + SCALING 7 + SATURATION 6 levels, four models.
        assertThat(table("scaling").rows()).hasSize(4 * 14);
        List<String> llamaC50 = table("scaling").rows().stream()
                .filter(r -> r.get(0).equals("Llama-3.1-405B") && r.get(2).equals("c=50") && r.get(1).equals("SCALING"))
                .findFirst().orElseThrow();
        RunSeries llama = model.series().getFirst();
        var level = llama.levels().stream().filter(l -> l.phase().equals("SCALING") && l.name().equals("c=50"))
                .findFirst().orElseThrow();
        double mean = llama.statistics(level, m -> m.totalTokensPerSecond()).mean();
        assertThat(Double.parseDouble(llamaC50.get(4))).isCloseTo(mean, within(0.5));
        assertThat(llamaC50.get(8)).isIn("OK", "DEGRADED", "FAILING");
    }

    @Test
    void peakComparisonAndNormalizedFollowFromTheRuns() {
        List<List<String>> peak = table("peak").rows();
        assertThat(peak).extracting(r -> r.get(0)).containsExactlyElementsOf(MODELS);
        assertThat(peak).allSatisfy(r -> assertThat(r.get(6)).isEqualTo("100.0"));
        List<List<String>> arch = table("architecture").rows();
        assertThat(arch.getFirst().get(3)).isEqualTo("1.00");
        double llamaPeak = Double.parseDouble(arch.get(0).get(2));
        double qwenPeak = Double.parseDouble(arch.get(2).get(2));
        assertThat(Double.parseDouble(arch.get(2).get(3))).isCloseTo(qwenPeak / llamaPeak, within(0.01));
        for (List<String> row : table("normalized").rows()) {
            double expected = Double.parseDouble(row.get(3)) / ACTIVE_B.get(row.get(0));
            assertThat(Double.parseDouble(row.get(4))).isCloseTo(expected, within(0.1));
        }
    }

    @Test
    void reproducibilityCoversOnlyTheRepeatedModelWithNThree() {
        List<List<String>> rows = table("reproducibility").rows();
        assertThat(rows).hasSize(14).allSatisfy(r -> {
            assertThat(r.get(0)).isEqualTo("Llama-3.1-405B");
            assertThat(r.get(2)).isEqualTo("3");
            assertThat(Double.parseDouble(r.get(5))).isLessThanOrEqualTo(Double.parseDouble(r.get(3)));
            assertThat(Double.parseDouble(r.get(6))).isGreaterThanOrEqualTo(Double.parseDouble(r.get(3)));
        });
    }

    @Test
    void ablationComparesConditionsPerLevelWithWelch() throws IOException {
        var config = ReportFixtures.studyConfig(37, 40);
        List<ReportRun> off = new ArrayList<>();
        List<ReportRun> on = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            off.add(ReportFixtures.load(dir.resolve("off-" + seed), "m", new dev.servebench.testing
                    .QueueModelExecutor(40, 0.11, 5, seed), config));
            on.add(ReportFixtures.load(dir.resolve("on-" + seed), "m", new dev.servebench.testing
                    .QueueModelExecutor(20, 0.05, 10, seed), config));
        }
        ReportTable t = RepeatAndAblationTables.ablation(new AblationInput("aiter off", off, "aiter on", on));
        assertThat(t.columns()).containsExactly("level", "a_mean_tok_s", "a_ci95", "b_mean_tok_s", "b_ci95",
                "diff_pct", "a_cov_pct", "b_cov_pct", "cov_ratio", "welch_p");
        assertThat(t.rows()).hasSize(14).allSatisfy(r -> {
            // Halving every cost roughly doubles throughput: a large positive difference, clearly significant.
            assertThat(Double.parseDouble(r.get(5))).isGreaterThan(50);
            assertThat(Double.parseDouble(r.get(9))).isLessThan(0.05);
        });
    }

    @Test
    void markdownAndCsvCarryTheSameRows(@TempDir Path out) throws IOException {
        List<Path> files = ReportFiles.writeTables(tables, out);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("tables.md", "scaling.csv", "peak.csv",
                "architecture.csv", "normalized.csv", "reproducibility.csv");
        List<String> csv = Files.readAllLines(out.resolve("scaling.csv"));
        assertThat(csv.getFirst()).isEqualTo(String.join(",", ScalingTables.SCALING_COLUMNS));
        assertThat(csv).hasSize(1 + table("scaling").rows().size());
        String md = Files.readString(out.resolve("tables.md"));
        assertThat(md).contains("| model | phase | level | concurrency | total_tok_s | output_tok_s | p99_s |",
                "### Peak summary", "### Architecture comparison", "### Reproducibility");
        assertThat(MarkdownTables.render(table("normalized")).lines().filter(l -> l.startsWith("| ")).count())
                .as("header, separator, one row per model").isEqualTo(1 + 1 + 4);
        assertThat(CsvTables.render(table("normalized"))).startsWith(String.join(",",
                ComparisonTables.NORMALIZED_COLUMNS) + "\r\n");
    }

    private static ReportTable table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }
}
