package dev.servebench.sim.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine against the study's published figures (data/mi325x-study.json): peak throughput of
 * each model at 500 clients and every scaling row, total tokens/s within ±15 %. Prints the table.
 */
class CalibrationTest {
    private static final double TOLERANCE = 0.15;
    /**
     * Requests per client in each level: the study's thorough (3×) multiplier on one request per
     * client, and the count the factors were fitted with. The study's totals (17,406 requests over
     * four models) point to even fewer at its largest levels; with 1 per client, Kimi-K2.5's c=500
     * rows fall to -19 %, so the fit is not insensitive to this choice (docs/calibration.md).
     */
    static final int REQUESTS_PER_CLIENT = 3;

    record Row(String model, String kind, int concurrency, double studyTotal, double studyOutput,
               double predictedTotal, double predictedOutput, double studyP99Seconds, double predictedP99Seconds) {
        double error() {
            return (predictedTotal - studyTotal) / studyTotal;
        }
    }

    static JsonNode study() throws IOException {
        try (InputStream in = CalibrationTest.class.getResourceAsStream("/dev/servebench/sim/mi325x-study.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static List<Row> predictAll() throws IOException {
        return predictAll(PerfFactors.builtIn(), REQUESTS_PER_CLIENT, CalibrationRunner.models());
    }

    static List<Row> predictAll(PerfFactors factors, int requestsPerClient, List<String> models) throws IOException {
        JsonNode study = study();
        StudyWorkloads workloads = new StudyWorkloads(study);
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            CalibrationRunner runner = new CalibrationRunner(StudyConfigurations.deployment(model, factors),
                    requestsPerClient, workloads.imageTokens(model));
            JsonNode peak = null;
            for (JsonNode p : study.path("peak")) {
                if (p.path("model").asText().equals(model)) {
                    peak = p;
                }
            }
            for (JsonNode r : study.path("scaling").path(model)) {
                int c = r.get(0).asInt();
                CalibrationRunner.Prediction m = runner.run(c, workloads.shape(model, "scaling", c));
                rows.add(new Row(model, "scaling", c, r.get(1).asDouble(), r.get(2).asDouble(),
                        m.totalTokensPerSecond(), m.outputTokensPerSecond(), r.get(3).asDouble(), m.p99Seconds()));
            }
            int c = peak.path("peak_concurrency").asInt();
            CalibrationRunner.Prediction m = runner.run(c, workloads.shape(model, "peak", c));
            rows.add(new Row(model, "peak", c, peak.path("peak_tok_s").asDouble(), peak.path("output_tok_s").asDouble(),
                    m.totalTokensPerSecond(), m.outputTokensPerSecond(), Double.NaN, m.p99Seconds()));
        }
        return rows;
    }

    static void print(List<Row> rows) {
        System.out.println(String.format(Locale.ROOT, "%-20s %-8s %5s %10s %10s %8s %10s %10s %9s %9s", "model", "row",
                "c", "study tok/s", "predicted", "error", "study out", "pred out", "study p99", "pred p99"));
        for (Row r : rows) {
            System.out.println(String.format(Locale.ROOT, "%-20s %-8s %5d %10.0f %10.0f %+7.1f%% %10.0f %10.0f %9s %9.2f%s",
                    r.model, r.kind, r.concurrency, r.studyTotal, r.predictedTotal, 100 * r.error(), r.studyOutput,
                    r.predictedOutput, Double.isNaN(r.studyP99Seconds) ? "-" : String.format(Locale.ROOT, "%.2f",
                            r.studyP99Seconds), r.predictedP99Seconds, Math.abs(r.error()) > TOLERANCE ? "  OUTSIDE ±15%" : ""));
        }
    }

    /**
     * Rows the current model does not bring within ±15 %, each with the reason. Every other row is
     * asserted; shrinking this set is the way to improve the calibration, growing it needs a reason.
     */
    static final java.util.Map<String, String> KNOWN_OUTSIDE = java.util.Map.ofEntries(
            java.util.Map.entry("DeepSeek V3.2 scaling 10", "model ~+17 %: the study's c=10 is slower per output token "
                    + "(62 ms) than c=5 and c=25 (47, 52 ms) with the shortest mean output (50 tokens); a minimax fit of "
                    + "the sparse-MLA factors leaves it at +16 % (docs/calibration.md)"),
            java.util.Map.entry("Kimi-K2.5 scaling 10", "model ~+34 %: per-request GPU time barely falls from 1 to 10 "
                    + "clients (2.71 -> 2.52 s), so a 10-sequence decode step must cost >= 4x a 1-sequence one; "
                    + "expert growth that steep makes c=50 and c=100 slower than the study (>= 1.10 s vs 1.04, "
                    + ">= 0.74 s vs 0.64); the best minimax fit of all Triton-path factors is +-28 % (docs/calibration.md)"),
            java.util.Map.entry("Kimi-K2.5 scaling 25", "model ~+30 %: as at c=10"),
            java.util.Map.entry("Kimi-K2.5 scaling 100", "model ~-18 %: the other side of the c=10 trade-off"));

    static String key(Row r) {
        return r.model() + " " + r.kind() + " " + r.concurrency();
    }

    @Test
    void reproducesTheStudyThroughputs() throws IOException {
        new StudyWorkloads(study()).describe(System.out);
        List<Row> rows = predictAll();
        print(rows);
        KNOWN_OUTSIDE.forEach((row, why) -> System.out.println("known outside ±15 %: " + row + ": " + why));
        List<String> unexpected = rows.stream().filter(r -> !KNOWN_OUTSIDE.containsKey(key(r)))
                .filter(r -> Math.abs(r.error()) > TOLERANCE)
                .map(r -> key(r) + String.format(Locale.ROOT, " %+.1f%%", 100 * r.error())).toList();
        org.assertj.core.api.Assertions.assertThat(unexpected).as("rows outside ±15 %% of the study").isEmpty();
        org.assertj.core.api.Assertions.assertThat(rows.stream().filter(r -> !KNOWN_OUTSIDE.containsKey(key(r))))
                .hasSizeGreaterThanOrEqualTo(24);
        // A known-outside row that has come within tolerance must leave the list, so it stays honest.
        List<String> nowInside = rows.stream().filter(r -> KNOWN_OUTSIDE.containsKey(key(r)))
                .filter(r -> Math.abs(r.error()) <= TOLERANCE).map(CalibrationTest::key).toList();
        org.assertj.core.api.Assertions.assertThat(nowInside).as("rows listed as outside that are now within ±15 %%")
                .isEmpty();
    }
}
