package dev.servebench.sim.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.bench.LevelMetrics;
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

    record Row(String model, String kind, int concurrency, double studyTotal, double studyOutput,
               double predictedTotal, double predictedOutput) {
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
        return predictAll(PerfFactors.builtIn(), 6, CalibrationRunner.models());
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
                LevelMetrics m = runner.run(c, CalibrationRunner.workload(workloads.shape(model, "scaling", c)));
                rows.add(new Row(model, "scaling", c, r.get(1).asDouble(), r.get(2).asDouble(),
                        m.totalTokensPerSecond(), m.outputTokensPerSecond()));
            }
            int c = peak.path("peak_concurrency").asInt();
            LevelMetrics m = runner.run(c, CalibrationRunner.workload(workloads.shape(model, "peak", c)));
            rows.add(new Row(model, "peak", c, peak.path("peak_tok_s").asDouble(), peak.path("output_tok_s").asDouble(),
                    m.totalTokensPerSecond(), m.outputTokensPerSecond()));
        }
        return rows;
    }

    static void print(List<Row> rows) {
        System.out.println(String.format(Locale.ROOT, "%-20s %-8s %5s %10s %10s %8s %10s %10s", "model", "row", "c",
                "study tok/s", "predicted", "error", "study out", "pred out"));
        for (Row r : rows) {
            System.out.println(String.format(Locale.ROOT, "%-20s %-8s %5d %10.0f %10.0f %+7.1f%% %10.0f %10.0f%s",
                    r.model, r.kind, r.concurrency, r.studyTotal, r.predictedTotal, 100 * r.error(), r.studyOutput,
                    r.predictedOutput, Math.abs(r.error()) > TOLERANCE ? "  OUTSIDE ±15%" : ""));
        }
    }

    /**
     * Rows the current model does not bring within ±15 %, each with the reason. Every other row is
     * asserted; shrinking this set is the way to improve the calibration, growing it needs a reason.
     */
    static final java.util.Map<String, String> KNOWN_OUTSIDE = java.util.Map.ofEntries(
            java.util.Map.entry("DeepSeek V3.2 scaling 10", "model ~+17 %: the study's c=10 is slower per token (62 ms) than its c=5 and c=25 "
                    + "neighbours (47, 52 ms); outputs ended at EOS, so its request mix is the least certain"),
            java.util.Map.entry("Qwen3-VL-235B-A22B scaling 200", "model ~+22 %: the study gains only 1.24x from 100 to 200 clients, then 1.79x "
                    + "from 200 to the peak at 500; no per-step cost explains a bottleneck at 200 that is gone at 500"),
            java.util.Map.entry("Kimi-K2.5 scaling 10", "model ~+34 %: Triton W4A16 MoE touching ~20 % of the experts at 10 decodes "
                    + "is too cheap; the study is ~4.7x slower per token than at c=1, more than the distinct-expert count explains. "
                    + "A per-sequence Triton MLA decode cost cannot close it: the study's step grows only ~0.4 ms per added "
                    + "client from 200 to 500 (all experts already touched), which bounds any per-sequence cost to ~4 ms at c=10, "
                    + "while c=10 needs ~+30 ms"),
            java.util.Map.entry("Kimi-K2.5 scaling 25", "model ~+30 %: as at c=10"),
            java.util.Map.entry("Kimi-K2.5 scaling 100", "model ~-18 %: the fit trades it against c=10/25 (the study's 50 -> 100 -> 200 "
                    + "slope is steeper than its 200 -> 500 one)"));

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
                .hasSizeGreaterThanOrEqualTo(23);
    }
}
