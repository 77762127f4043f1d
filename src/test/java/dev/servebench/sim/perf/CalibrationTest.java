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
               int tokensPerRequest, double predictedMeanSeconds, boolean endsAtEos) {
        double error() {
            return (predictedTotal - studyTotal) / studyTotal;
        }

        /** The mean latency Little's law gives from the study's own throughput: c x tokens per request / tok/s. */
        double studyWSeconds() {
            return concurrency * (double) tokensPerRequest / studyTotal;
        }

        /** The study's tail by Little's law: its p99 over the mean latency its own throughput implies. */
        double studyP99OverW() {
            return studyP99Seconds / studyWSeconds();
        }

        double predictedP99OverMean() {
            return predictedP99Seconds / predictedMeanSeconds;
        }

        static Row of(StudyComparison c) {
            return new Row(c.model().studyName(), c.row().kind().label(), c.row().concurrency(),
                    c.row().totalTokensPerSecond(), c.row().outputTokensPerSecond(),
                    c.predicted().totalTokensPerSecond(), c.predicted().outputTokensPerSecond(),
                    c.row().p99Seconds().orElse(Double.NaN), c.predictedP99Seconds(),
                    c.shape().promptTokens() + c.shape().outputTokens(), c.predicted().latencySeconds().mean(),
                    c.shape().endsAtEos());
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
        // -Dcalib.eos=geometric: DeepSeek's EOS-stopped rows as geometric lengths (docs/calibration.md).
        return predictAll(factors, models, StudyPreset.EosAnswers.valueOf(
                System.getProperty("calib.eos", "mean_length").toUpperCase(Locale.ROOT)));
    }

    static List<Row> predictAll(PerfFactors factors, List<String> models, StudyPreset.EosAnswers eos) {
        Set<Phase> phases = EnumSet.of(Phase.SCALING, Phase.SATURATION);
        boolean prefixCaching = Boolean.parseBoolean(System.getProperty("calib.prefix", "true"));
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            StudyPreset preset = StudyPreset.of(model, eos);
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
                    + ">= 0.74 s vs 0.64); the least-squares fit of the Triton-path factors leaves c=100 at -14 % "
                    + "(docs/calibration.md)"),
            java.util.Map.entry("Kimi-K2.5 scaling 25", "model ~+28 %: as at c=10"));

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
                .hasSizeGreaterThanOrEqualTo(25);
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
            java.util.Map.entry("DeepSeek V3.2 scaling 200", "EOS spread: p99 13.95 s = 1.3 x W 10.57 s"));

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
        org.assertj.core.api.Assertions.assertThat(scaling.size() - KNOWN_P99_OUTSIDE.size()).isGreaterThanOrEqualTo(18);
    }

    /** How far the predicted tail may be from the study's (issue #27): p99 over mean, within 5 %. */
    private static final double TAIL_SHAPE_TOLERANCE = 0.05;

    /**
     * The tail has a cause, not an artefact of every client starting at once: on the forced-length rows whose p99
     * the study's own throughput explains (p99 within 5 % of W, Little's law), the predicted p99 over the predicted
     * mean latency is within 5 % of the study's p99 over W. Before the study presets started their clients as
     * {@link StudyPreset#clientStartSpreadNanos} says, Qwen3-VL at 100 clients predicted 1.24 where the study has
     * 1.02.
     */
    @Test
    void predictsTheStudysTailShapeOnTheRowsItsThroughputExplains() {
        List<String> off = new ArrayList<>();
        int checked = 0;
        for (Row r : predictAll()) {
            if (!r.kind().equals("scaling") || r.endsAtEos() || Math.abs(r.studyP99OverW() - 1) > 0.05) {
                continue;
            }
            checked++;
            double gap = r.predictedP99OverMean() / r.studyP99OverW() - 1;
            System.out.printf(Locale.ROOT, "%-32s study p99/W %.3f  predicted p99/mean %.3f  %+.1f%%%n", key(r),
                    r.studyP99OverW(), r.predictedP99OverMean(), 100 * gap);
            if (Math.abs(gap) > TAIL_SHAPE_TOLERANCE) {
                off.add(key(r) + String.format(Locale.ROOT, " %+.1f%%", 100 * gap));
            }
        }
        org.assertj.core.api.Assertions.assertThat(checked).as("rows whose p99 the study's W explains")
                .isGreaterThanOrEqualTo(13);
        org.assertj.core.api.Assertions.assertThat(off).as("rows whose predicted p99/mean is off the study's p99/W "
                + "by more than 5 %%").isEmpty();
    }

    /**
     * DeepSeek V3.2's answers ended at EOS, and the study publishes no length distribution: the two answer-length
     * models bracket what it could have been. Mean-length answers have no spread; geometric lengths under the
     * label's max_tokens have the widest a memoryless stop gives. The study's p99 must lie between the two
     * predictions on every such row (issue #27), with the p99 tolerance at either end.
     */
    @Test
    void theStudysEosRowsP99LiesBetweenTheMeanLengthAndTheGeometricPredictions() {
        String model = "DeepSeek V3.2";
        List<Row> mean = predictAll().stream().filter(r -> r.model().equals(model) && r.kind().equals("scaling"))
                .toList();
        List<Row> geometric = predictAll(PerfFactors.builtIn(), List.of(model), StudyPreset.EosAnswers.GEOMETRIC)
                .stream().filter(r -> r.kind().equals("scaling")).toList();
        org.assertj.core.api.Assertions.assertThat(geometric).hasSameSizeAs(mean).isNotEmpty();
        List<String> outside = new ArrayList<>();
        for (int i = 0; i < mean.size(); i++) {
            Row m = mean.get(i);
            Row g = geometric.get(i);
            System.out.printf(Locale.ROOT, "%-32s mean-length p99 %6.2f s  study %6.2f s  geometric p99 %6.2f s%n",
                    key(m), m.predictedP99Seconds(), m.studyP99Seconds(), g.predictedP99Seconds());
            if (m.studyP99Seconds() < m.predictedP99Seconds() * (1 - P99_TOLERANCE)
                    || m.studyP99Seconds() > g.predictedP99Seconds() * (1 + P99_TOLERANCE)) {
                outside.add(key(m));
            }
        }
        org.assertj.core.api.Assertions.assertThat(outside).as("EOS rows whose p99 lies outside the two predictions")
                .isEmpty();
    }
}
