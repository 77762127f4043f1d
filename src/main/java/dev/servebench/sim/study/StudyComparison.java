package dev.servebench.sim.study;

import dev.servebench.bench.LevelMetrics;

import java.util.OptionalDouble;

/** A study row next to what was predicted for it. */
public record StudyComparison(StudyModel model, StudyRow row, StudyWorkloads.Shape shape, LevelMetrics predicted) {

    /** Relative throughput error: (predicted - study) / study. */
    public double throughputError() {
        return (predicted.totalTokensPerSecond() - row.totalTokensPerSecond()) / row.totalTokensPerSecond();
    }

    public double predictedP99Seconds() {
        return predicted.latencySeconds().p99();
    }

    /** Relative p99 error, where the study published a p99 (its scaling rows). */
    public OptionalDouble p99Error() {
        return row.p99Seconds().isPresent()
                ? OptionalDouble.of((predictedP99Seconds() - row.p99Seconds().getAsDouble()) / row.p99Seconds().getAsDouble())
                : OptionalDouble.empty();
    }

    public String key() {
        return row.key(model.studyName());
    }
}
