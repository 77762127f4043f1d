package dev.servebench.bench;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a benchmark: every level run, in order. WARMUP levels are listed but never
 * aggregated. {@code interrupted}: the run was stopped early (Ctrl-C, SIGTERM); its last level may be
 * cut short and the levels after it never ran.
 */
public record BenchmarkResult(TargetInfo target, BenchmarkConfig config, long startEpochMillis, long endEpochMillis,
                              List<LevelResult> levels, boolean interrupted) {
    public BenchmarkResult {
        levels = List.copyOf(levels);
    }

    public BenchmarkResult(TargetInfo target, BenchmarkConfig config, long startEpochMillis, long endEpochMillis,
                           List<LevelResult> levels) {
        this(target, config, startEpochMillis, endEpochMillis, levels, false);
    }

    public List<LevelResult> levels(Phase phase) {
        return levels.stream().filter(l -> l.spec().phase() == phase).toList();
    }

    /** The non-warmup level with the highest total throughput. */
    public Optional<LevelResult> peak() {
        return levels.stream().filter(l -> l.spec().phase() != Phase.WARMUP)
                .max(java.util.Comparator.comparingDouble(l -> l.metrics().totalTokensPerSecond()));
    }

    /**
     * The first SATURATION level whose successor is SATURATED: the concurrency beyond which
     * throughput stops growing by 5 %.
     */
    public Optional<LevelResult> saturationPoint() {
        List<LevelResult> sat = levels(Phase.SATURATION);
        for (int i = 1; i < sat.size(); i++) {
            if (sat.get(i).verdict().status() == LevelStatus.SATURATED) {
                return Optional.of(sat.get(i - 1));
            }
        }
        return Optional.empty();
    }
}
