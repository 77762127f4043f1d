package dev.servebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import dev.servebench.report.html.ScriptSafeJson;
import dev.servebench.table.CsvTables;
import dev.servebench.table.MarkdownTables;
import dev.servebench.table.ReportTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportBuildingBlocksTest {

    @Test
    void scriptSafeJsonHasNoCharacterThatEndsAScriptYetReadsBackUnchanged() throws Exception {
        String hostile = "</script><script>alert(1)</script> & <!-- \u2028";
        String json = ScriptSafeJson.write(Map.of("model", hostile));
        assertThat(json).doesNotContain("<", ">", "&", "\u2028");
        JsonNode back = Json.mapper().readTree(json);
        assertThat(back.path("model").asText()).isEqualTo(hostile);
    }

    @Test
    void confidenceIntervalUsesStudentsTWithNMinusOneDegreesOfFreedom() {
        MetricSpread s = MetricSpread.of(100, 110, 120);
        assertThat(s.mean()).isEqualTo(110);
        assertThat(s.stdev()).isCloseTo(10, within(1e-9));
        // t(0.975, 2 df) = 4.3027; half width = t × s / sqrt(3)
        assertThat(s.ci95HalfWidth()).isCloseTo(4.302653 * 10 / Math.sqrt(3), within(1e-4));
        assertThat(s.cov()).isCloseTo(10.0 / 110, within(1e-12));
        assertThat(s.relativeRange()).isCloseTo(20.0 / 110, within(1e-12));
        MetricSpread one = MetricSpread.of(5);
        assertThat(one.repeated()).isFalse();
        assertThat(one.ci95HalfWidth()).isNaN();
    }

    @Test
    void quantileCurveInterpolatesLikeTheSummaryPercentiles() {
        double[] samples = new double[101];
        for (int i = 0; i <= 100; i++) {
            samples[i] = 100 - i; // reversed: the curve must sort
        }
        QuantileCurve c = QuantileCurve.ofInPlace(samples, samples.length);
        assertThat(c.count()).isEqualTo(101);
        assertThat(c.values()).hasSize(QuantileCurve.PERCENTILES.size());
        assertThat(c.values().get(50)).isEqualTo(50.0);
        assertThat(c.values().get(99)).isEqualTo(99.0);
        assertThat(c.values().getLast()).isCloseTo(99.9, within(1e-9));
    }

    @Test
    void markdownAndCsvCellsCannotBreakTheirTablesOrRunFormulas() {
        ReportTable t = new ReportTable("t", "T", "", List.of("model", "v"),
                List.of(List.of("a|b <b>x</b>", "1"), List.of("=HYPERLINK(\"x\")", "two, three")));
        String md = MarkdownTables.render(t);
        assertThat(md).contains("| a\\|b &lt;b&gt;x&lt;/b&gt; | 1 |").doesNotContain("<b>");
        String csv = CsvTables.render(t);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\",\"two, three\"\r\n");
    }
}
