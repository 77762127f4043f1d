package dev.servebench.experiment;

import dev.servebench.bench.LevelMetric;
import dev.servebench.stats.SampleStatistics;

import java.util.Map;
import java.util.Optional;

/** One level's statistics across runs, per metric. */
public record LevelStatistics(String level, int concurrency, Map<LevelMetric, SampleStatistics> metrics) {
    public LevelStatistics {
        metrics = Map.copyOf(metrics);
    }

    public Optional<SampleStatistics> metric(LevelMetric metric) {
        return Optional.ofNullable(metrics.get(metric));
    }
}
