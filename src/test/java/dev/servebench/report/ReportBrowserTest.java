package dev.servebench.report;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.report.html.HtmlReport;
import dev.servebench.testing.HeadlessChromium;
import dev.servebench.testing.QueueModelExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens generated reports in real headless Chromium. The page checks itself (report.html#selfcheck):
 * errors seen, alert() calls, script elements, and per chart its canvas size, painted pixels and
 * series with data. Screenshots go to target/report-artifacts/.
 */
@EndToEnd
class ReportBrowserTest {
    static final Path ARTIFACTS = Path.of("target", "report-artifacts");
    static final String HOSTILE = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    @BeforeEach
    void chromium() {
        HeadlessChromium.require();
    }

    @Test
    void benchsDefaultReportRendersEveryChartAndAHostileModelNameStaysText() throws Exception {
        Path out = dir.resolve("run");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = dev.servebench.cli.Main.execute(new String[] {"bench", "--model", HOSTILE,
                "--phases", "warmup,baseline,scaling,saturation", "--scaling", "2,4", "--saturation", "4,8",
                "--requests", "8", "--baseline-requests", "4", "--output-tokens", "16", "--cooldown", "0s",
                "--slo", "ttft=2s,tpot=50ms", "--active-params", "8", "--out", out.toString(), "--quiet",
                "--server-metrics", "--metrics-interval", "20ms"},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertThat(code).as(stderr.toString()).isZero();
        Path html = out.resolve("report.html");
        assertThat(stdout.toString()).contains("Report: " + html);

        HeadlessChromium.PageCheck page = HeadlessChromium.open(html, dir);
        assertHealthy(page.selfCheck(), List.of("throughput-total", "throughput-output", "p99", "ttft-percentiles",
                "itl-percentiles", "ttft-distribution", "itl-distribution", "latency-distribution", "status",
                "goodput-share", "goodput-throughput", "normalized", "server-waiting-time", "server-running-time",
                "server-kv-time", "server-waiting", "server-kv", "server-ttft"));
        // The server's TTFT next to the client's: p50 and p99 of each, per phase group (scaling, saturation).
        assertThat(chart(page.selfCheck(), "server-ttft").path("series").asInt()).isEqualTo(2 * 4);
        // Escaped, not executed: the name is in the page as text, and no script element or alert came of it.
        assertThat(page.selfCheck().path("alerts").asInt()).isZero();
        assertThat(page.selfCheck().path("scripts").asInt()).isEqualTo(4);
        assertThat(page.dom()).contains("<h1 id=\"title\">servebench report — &lt;script&gt;alert(1)&lt;/script&gt;</h1>")
                .doesNotContain(HOSTILE);
        assertThat(Files.readString(html)).doesNotContain(HOSTILE);

        Path png = HeadlessChromium.screenshot(html, ARTIFACTS.resolve("bench-hostile-model-report.png"), 1300, 2400,
                dir);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    @Test
    void comparisonWithRepeatsAblationParetoAndPlanRendersEverySection() throws Exception {
        var config = ReportFixtures.studyConfig(37, 30);
        List<ReportRun> runs = new ArrayList<>();
        List<ReportRun> deepseek = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            ReportRun r = ReportFixtures.load(dir.resolve("ds-" + seed), "DeepSeek V3.2",
                    ReportFixtures.server("DeepSeek V3.2", seed), config);
            runs.add(r);
            deepseek.add(r);
        }
        runs.add(ReportFixtures.load(dir.resolve("llama"), "Llama-3.1-405B", ReportFixtures.server("Llama-3.1-405B", 1),
                ReportFixtures.studyConfig(405, 30)));
        List<ReportRun> aiterOff = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            aiterOff.add(ReportFixtures.load(dir.resolve("off-" + seed), "DeepSeek V3.2",
                    new QueueModelExecutor(80, 0.2, 3, seed), config));
        }
        List<ParetoChartPoint> points = new ArrayList<>();
        for (ReportRun r : runs) {
            for (var level : r.measuredLevels()) {
                points.add(new ParetoChartPoint(r.target().model(), level.name(), level.metrics().totalTokensPerSecond() / 8,
                        level.metrics().ttftMillis().p99()));
            }
        }
        AdvisorPlan plan = new AdvisorPlan("DeepSeek V3.2", "MI325X", 8,
                "vllm serve deepseek-ai/DeepSeek-V3.2 --tensor-parallel-size 8 --block-size 1",
                Map.of("VLLM_ROCM_USE_AITER", "1", "AITER_ENABLE_VSKIP", "0"),
                List.of("MLA on ROCm needs block size 1", "</script><script>alert(2)</script> stays text"),
                new AdvisorPlan.Memory(256, 83, 150, 70_272, 2_290_000, 8_192, 279),
                List.of(new AdvisorPlan.PrecisionMemory("FP8", 1.02, 685, 8, 81.3, true),
                        new AdvisorPlan.PrecisionMemory("BF16", 2.0, 685, 8, 159.5, true)));
        ReportModel model = ReportModel.of(runs).withAblation(new AblationInput("aiter off", aiterOff, "aiter on", deepseek))
                .withPareto(new ParetoInput("TTFT p99", points, points.subList(0, 1))).withAdvisorPlan(plan);
        Path html = HtmlReport.write(model, dir.resolve("compare.html"));

        HeadlessChromium.PageCheck page = HeadlessChromium.open(html, dir);
        JsonNode check = page.selfCheck();
        assertHealthy(check, List.of("throughput-total", "throughput-output", "p99", "ttft-percentiles",
                "itl-percentiles", "ttft-distribution", "itl-distribution", "status", "goodput-share", "normalized",
                "pareto", "memory", "memory-precision"));
        assertThat(check.path("alerts").asInt()).isZero();
        assertThat(check.path("scripts").asInt()).isEqualTo(4);
        // Two lines per model (scaling, saturation); the repeated model's lines each get an error-bar series.
        assertThat(chart(check, "throughput-total").path("series").asInt()).isEqualTo(2 + 2 + 2);
        assertThat(tableRows(check)).containsEntry("reproducibility", 14).containsEntry("ablation", 14)
                .containsEntry("memory", 2).containsKeys("scaling", "peak", "architecture", "normalized");
        assertThat(page.dom()).contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; stays text");

        Path png = HeadlessChromium.screenshot(html, ARTIFACTS.resolve("comparison-report.png"), 1300, 3200, dir);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    /**
     * Issue #30 item 5: a three-series report with the study's 17 levels and long series names, as a user sees it
     * at 1,400 and 2,400 px: nothing wider than the page, legends in full (never ECharts' paged legend, never a
     * scrolling box), at most six curves on a distribution chart, and a status chart with a row per series.
     */
    @Test
    void aThreeSeriesReportWithLongNamesFitsTheWindowWithFullLegendsAndSplitDistributions() throws Exception {
        var config = ReportFixtures.studyConfig(22, 20);
        List<ReportRun> runs = new ArrayList<>();
        String[] names = {"llama-3.3-70b-instruct", "qwen3-235b-a22b @ predicted: qwen3-235b-a22b on 8 x h200, TP 8 (virtual time)",
            "qwen3-235b-a22b @ predicted: qwen3-235b-a22b on 8 x mi325x, TP 8 (virtual time)"};
        for (int i = 0; i < names.length; i++) {
            runs.add(ReportFixtures.load(dir.resolve("run-" + i), names[i], ReportFixtures.server("Llama-3.1-405B", i + 1),
                    config));
        }
        Path html = HtmlReport.write(ReportModel.of(runs), dir.resolve("three.html"));
        // The field the normalized chart reads (it was written as tok_sper_active_b, and the chart drew no bar).
        assertThat(Files.readString(html)).contains("\"tok_s_per_active_b\":");
        for (int width : new int[] {1400, 2400}) {
            JsonNode check = HeadlessChromium.open(html, dir, width, 1200).selfCheck();
            assertHealthy(check, List.of("throughput-total", "ttft-percentiles", "ttft-distribution", "status"));
            JsonNode layout = check.path("layout");
            assertThat(layout.path("viewport").asInt()).as("%d px: %s", width, layout).isBetween(width - 40, width);
            assertThat(layout.path("overflow_px").asInt()).as("%d px: %s", width, layout).isZero();
            assertThat(layout.path("wider_than_parent")).as("%d px: %s", width, layout).isEmpty();
            check.path("charts").forEach(c -> {
                assertThat(c.path("echarts_legend_shown").asBoolean()).as(c.toString()).isFalse();
                assertThat(c.path("legend_scrolls").asBoolean()).as(c.toString()).isFalse();
            });
            // Two lines (scaling, saturation) per series, each named in full in its own legend entry.
            assertThat(chart(check, "throughput-total").path("legend_items").asInt()).isEqualTo(6);
            // p50/p95/p99 of a line share its entry; three more explain the line styles.
            assertThat(chart(check, "ttft-percentiles").path("legend_items").asInt()).isEqualTo(6 + 3);
            for (String id : List.of("ttft-distribution", "itl-distribution", "latency-distribution")) {
                assertThat(chart(check, id).path("series").asInt()).as(id).isBetween(1, 6);
            }
            assertThat(chart(check, "status").path("box_height").asInt()).isGreaterThanOrEqualTo(200 + 56 * 3);
        }
        Path png = HeadlessChromium.screenshot(html, ARTIFACTS.resolve("three-series-report.png"), 1400, 4000, dir);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    /**
     * An experiment's conditions on one target (an ablation): a line each, named after the condition, and every table
     * within the page though the series names are long and the architecture table's headers are snake_case.
     */
    @Test
    void conditionsOfOneTargetAreSeriesOfTheirOwnAndTheirTablesFitThePage() throws Exception {
        var config = ReportFixtures.studyConfig(22, 20);
        List<ReportRun> runs = new ArrayList<>();
        String[] conditions = {"aiter", "triton", "worse-answers-long-name-with-a-longer-tail"};
        for (int i = 0; i < conditions.length; i++) {
            runs.add(ReportFixtures.load(dir.resolve("cond-" + i), "qwen3-235b-a22b",
                    ReportFixtures.server("Llama-3.1-405B", i + 1), config).withCondition(conditions[i]));
        }
        Path html = HtmlReport.write(ReportModel.of(runs), dir.resolve("conditions.html"));
        for (int width : new int[] {1400, 2400}) {
            JsonNode check = HeadlessChromium.open(html, dir, width, 1200).selfCheck();
            assertHealthy(check, List.of("throughput-total", "status"));
            JsonNode layout = check.path("layout");
            assertThat(layout.path("overflow_px").asInt()).as("%d px: %s", width, layout).isZero();
            assertThat(layout.path("wider_than_parent")).as("%d px: %s", width, layout).isEmpty();
            // Scaling and saturation lines of each of the three conditions.
            assertThat(chart(check, "throughput-total").path("legend_items").asInt()).isEqualTo(6);
        }
        Path png = HeadlessChromium.screenshot(html, ARTIFACTS.resolve("conditions-report.png"), 1400, 9000, dir);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    static void assertHealthy(JsonNode check, List<String> expectedCharts) {
        assertThat(check.path("errors")).as("console errors: %s", check.path("errors")).isEmpty();
        List<String> ids = new ArrayList<>();
        check.path("charts").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).containsAll(expectedCharts);
        check.path("charts").forEach(c -> {
            assertThat(c.path("width").asInt()).as(c.toString()).isPositive();
            assertThat(c.path("height").asInt()).as(c.toString()).isPositive();
            assertThat(c.path("series").asInt()).as(c.toString()).isPositive();
            assertThat(c.path("series_with_data").asInt()).as(c.toString()).isEqualTo(c.path("series").asInt());
            // Axes and legend alone paint a few thousand pixels; data adds more. Zero means a blank canvas.
            assertThat(c.path("painted_pixels").asInt()).as(c.toString()).isGreaterThan(1000);
        });
    }

    private static JsonNode chart(JsonNode check, String id) {
        for (JsonNode c : check.path("charts")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id);
    }

    private static Map<String, Integer> tableRows(JsonNode check) {
        Map<String, Integer> rows = new java.util.HashMap<>();
        check.path("tables").forEach(t -> rows.put(t.path("id").asText(), t.path("rows").asInt()));
        return rows;
    }
}
