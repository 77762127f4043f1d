package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.stats.SampleStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines up the same level across runs: for "SCALING c=50", each run's figure for each metric.
 * WARMUP is left out (it is never aggregated); levels keep the order of the first run.
 */
public final class LevelSamples {
    private final Map<String, Integer> concurrency = new LinkedHashMap<>();
    private final Map<String, Map<LevelMetric, List<Double>>> values = new LinkedHashMap<>();

    public static LevelSamples of(List<BenchmarkResult> runs) {
        LevelSamples samples = new LevelSamples();
        runs.forEach(samples::add);
        return samples;
    }

    public static String key(LevelResult level) {
        return level.spec().phase().name() + " " + level.spec().name();
    }

    public void add(BenchmarkResult run) {
        for (LevelResult level : run.levels()) {
            if (level.spec().phase() == Phase.WARMUP || level.metrics().validRequests() == 0) {
                continue;
            }
            String key = key(level);
            concurrency.putIfAbsent(key, level.spec().concurrency());
            Map<LevelMetric, List<Double>> perMetric = values.computeIfAbsent(key, k -> new LinkedHashMap<>());
            for (LevelMetric metric : LevelMetric.values()) {
                double v = metric.of(level.metrics());
                if (Double.isFinite(v)) {
                    perMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(v);
                }
            }
        }
    }

    public List<String> levels() {
        return List.copyOf(values.keySet());
    }

    public int concurrency(String level) {
        return concurrency.getOrDefault(level, 0);
    }

    /** The metric's values at the level, one per run that measured it (empty when none did). */
    public double[] values(String level, LevelMetric metric) {
        List<Double> list = values.getOrDefault(level, Map.of()).getOrDefault(metric, List.of());
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Statistics per level for every metric measured there. */
    public List<LevelStatistics> statistics() {
        List<LevelStatistics> out = new ArrayList<>();
        for (String level : values.keySet()) {
            Map<LevelMetric, SampleStatistics> stats = new LinkedHashMap<>();
            for (LevelMetric metric : LevelMetric.values()) {
                double[] v = values(level, metric);
                if (v.length > 0) {
                    stats.put(metric, SampleStatistics.of(v));
                }
            }
            out.add(new LevelStatistics(level, concurrency(level), stats));
        }
        return out;
    }
}
