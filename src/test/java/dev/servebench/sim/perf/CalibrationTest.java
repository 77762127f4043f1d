package dev.servebench.sim.perf;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TargetInfo;
import dev.servebench.sim.study.Study;
import dev.servebench.sim.study.StudyComparison;
import dev.servebench.sim.study.StudyModel;
import dev.servebench.sim.study.StudyPreset;
import dev.servebench.sim.study.StudyWorkloads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The engine against the study's published figures (data/mi325x-study.json): peak throughput of
 * each model at 500 clients and every scaling row, total tokens/s within ±15 %. Prints the table.
 */
class CalibrationTest {
    private static final double TOLERANCE = 0.15;
    record Row(String model, String kind, int concurrency, double studyTotal, double studyOutput,
               double predictedTotal, double predictedOutput, double studyP99Seconds, double predictedP99Seconds) {
        double error() {
            return (predictedTotal - studyTotal) / studyTotal;
        }

        static Row of(StudyComparison c) {
            return new Row(c.model().studyName(), c.row().kind().label(), c.row().concurrency(),
                    c.row().totalTokensPerSecond(), c.row().outputTokensPerSecond(),
                    c.predicted().totalTokensPerSecond(), c.predicted().outputTokensPerSecond(),
                    c.row().p99Seconds().orElse(Double.NaN), c.predictedP99Seconds());
        }
    }

    static List<Row> predictAll() {
        return predictAll(PerfFactors.builtIn(), Study.bundled().models().stream().map(StudyModel::studyName).toList());
    }

    /**
     * Every row of the given study models, run as {@code predict --study} runs them (the same preset, levels
     * and executor), with {@code factors} in place of the built-in ones (CalibrationSearch).
     */
    static List<Row> predictAll(PerfFactors factors, List<String> models) {
        Set<Phase> phases = EnumSet.of(Phase.SCALING, Phase.SATURATION);
        boolean prefixCaching = Boolean.parseBoolean(System.getProperty("calib.prefix", "true"));
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            StudyPreset preset = StudyPreset.of(model);
            SimulatedDeployment d = preset.deployment(factors, prefixCaching);
            BenchmarkResult result = preset.configure(Benchmark.builder()
                    .target(new TargetInfo(model, "virtual://" + StudyPreset.GPU, model))
                    .config(preset.config(phases, d.activeParamsBillions())).executor(preset.executor(d)), phases)
                    .build().run();
            preset.compare(result).forEach(c -> rows.add(Row.of(c)));
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
    void reproducesTheStudyThroughputs() {
        new StudyWorkloads(Study.bundled()).describe(System.out);
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
