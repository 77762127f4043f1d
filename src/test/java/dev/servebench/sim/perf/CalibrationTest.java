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
    /** @param tokensPerRequest prompt (image tokens included) and output tokens of one of the row's requests */
    record Row(String model, String kind, int concurrency, double studyTotal, double studyOutput,
               double predictedTotal, double predictedOutput, double studyP99Seconds, double predictedP99Seconds,
               int tokensPerRequest) {
        double error() {
            return (predictedTotal - studyTotal) / studyTotal;
        }

        /** The mean latency Little's law gives from the study's own throughput: c x tokens per request / tok/s. */
        double studyWSeconds() {
            return concurrency * (double) tokensPerRequest / studyTotal;
        }

        static Row of(StudyComparison c) {
            return new Row(c.model().studyName(), c.row().kind().label(), c.row().concurrency(),
                    c.row().totalTokensPerSecond(), c.row().outputTokensPerSecond(),
                    c.predicted().totalTokensPerSecond(), c.predicted().outputTokensPerSecond(),
                    c.row().p99Seconds().orElse(Double.NaN), c.predictedP99Seconds(),
                    c.shape().promptTokens() + c.shape().outputTokens());
        }
    }

    private static List<Row> builtInRows;

    /** Every row with the built-in factors, predicted once per test JVM (the tests and the generated doc share it). */
    static synchronized List<Row> predictAll() {
        if (builtInRows == null) {
            builtInRows = List.copyOf(predictAll(PerfFactors.builtIn(),
                    Study.bundled().models().stream().map(StudyModel::studyName).toList()));
        }
        return builtInRows;
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
            // -Dcalib.eos=geometric: DeepSeek's EOS-stopped rows as geometric lengths (docs/calibration.md).
            StudyPreset preset = StudyPreset.of(model, StudyPreset.EosAnswers.valueOf(
                    System.getProperty("calib.eos", "mean_length").toUpperCase(Locale.ROOT)));
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

    /** p99 latency tolerance on the scaling rows (the study publishes no p99 for the peaks). */
    private static final double P99_TOLERANCE = 0.25;

    /**
     * Scaling rows whose p99 the model does not bring within ±25 %, each with its arithmetic
     * (docs/calibration.md, "Latency"). W is the mean latency Little's law gives from the study's own
     * throughput: W = c x (prompt + output tokens) / throughput.
     */
    static final java.util.Map<String, String> KNOWN_P99_OUTSIDE = java.util.Map.ofEntries(
            java.util.Map.entry("DeepSeek V3.2 scaling 5", "EOS-length spread: study p99 8.19 s = 1.8 x its W 4.63 s; "
                    + "mean-length answers have no tail (p99 ~ W). Geometric EOS lengths give p99 +22 % but the "
                    + "throughput -18 % (-Dcalib.eos=geometric)"),
            java.util.Map.entry("DeepSeek V3.2 scaling 10", "EOS spread: p99 8.12 s = 2.6 x W 3.07 s"),
            java.util.Map.entry("DeepSeek V3.2 scaling 25", "EOS spread: p99 8.72 s = 2.7 x W 3.24 s"),
            java.util.Map.entry("DeepSeek V3.2 scaling 50", "EOS spread: p99 11.34 s = 2.6 x W 4.32 s"),
            java.util.Map.entry("DeepSeek V3.2 scaling 100", "EOS spread: p99 13.75 s = 2.6 x W 5.32 s"),
            java.util.Map.entry("DeepSeek V3.2 scaling 200", "EOS spread: p99 13.95 s = 1.3 x W 10.57 s"),
            java.util.Map.entry("Qwen3-VL-235B-A22B scaling 50", "first wave: all 50 clients start at once and "
                    + "their prefills queue (predicted p99 = 1.14 x predicted W), while the study's p99 is 1.02 x "
                    + "its W; plus throughput -13.5 % -> W +16 %"),
            java.util.Map.entry("Qwen3-VL-235B-A22B scaling 100", "first wave: predicted p99 = 1.24 x W (wave-1 "
                    + "TTFT 1.06 s mean vs 0.28 s after), study 1.02 x W; throughput -10 % -> W +11 %"),
            java.util.Map.entry("Qwen3-VL-235B-A22B scaling 200", "first wave: predicted p99 = 1.36 x W; the "
                    + "study's W 10.05 s exceeds its own p99 8.92 s: its wall held time no request spent"),
            java.util.Map.entry("Kimi-K2.5 scaling 10", "throughput +34 % (see KNOWN_OUTSIDE) -> W -25 %"),
            java.util.Map.entry("Kimi-K2.5 scaling 100", "throughput -18.5 % -> W +23 %, and the first wave"),
            java.util.Map.entry("Kimi-K2.5 scaling 200", "first wave; the study's W 90.1 s exceeds its p99 74.9 s"),
            java.util.Map.entry("Kimi-K2.5 scaling 500", "first wave of 500 prefills of 1,491 tokens; the study's W "
                    + "115.4 s exceeds its p99 103.3 s"));

    @Test
    void reproducesTheStudyP99LatenciesWhereTheModelCan() {
        List<Row> scaling = predictAll().stream().filter(r -> r.kind().equals("scaling")).toList();
        List<String> unexpected = new ArrayList<>();
        List<String> nowInside = new ArrayList<>();
        for (Row r : scaling) {
            double error = (r.predictedP99Seconds() - r.studyP99Seconds()) / r.studyP99Seconds();
            System.out.printf(Locale.ROOT, "%-32s study p99 %6.2f s  predicted %6.2f s  %+6.1f%%%s%n", key(r),
                    r.studyP99Seconds(), r.predictedP99Seconds(), 100 * error,
                    KNOWN_P99_OUTSIDE.containsKey(key(r)) ? "  known outside: " + KNOWN_P99_OUTSIDE.get(key(r)) : "");
            boolean inside = Math.abs(error) <= P99_TOLERANCE;
            if (!inside && !KNOWN_P99_OUTSIDE.containsKey(key(r))) {
                unexpected.add(key(r) + String.format(Locale.ROOT, " %+.1f%%", 100 * error));
            }
            if (inside && KNOWN_P99_OUTSIDE.containsKey(key(r))) {
                nowInside.add(key(r));
            }
        }
        org.assertj.core.api.Assertions.assertThat(unexpected).as("scaling rows whose p99 is outside ±25 %%").isEmpty();
        org.assertj.core.api.Assertions.assertThat(nowInside).as("rows listed as outside whose p99 is now within ±25 %%")
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(scaling.size() - KNOWN_P99_OUTSIDE.size()).isGreaterThanOrEqualTo(11);
    }
}
