package dev.servebench.bench;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The study's status rules. FAILING wins over the others; DEGRADED applies only in SCALING
 * (relative to the BASELINE p99) and SATURATED only in SATURATION (relative to the previous
 * level of that phase).
 */
public final class StatusRules {
    public static final double MIN_SUCCESS_RATE = 0.95;
    public static final double DEGRADED_P99_FACTOR = 2.0;
    public static final double MIN_THROUGHPUT_GAIN = 1.05;

    private StatusRules() {
    }

    /**
     * @param successRate            valid requests / all requests, 0..1
     * @param p99Seconds             this level's p99 end-to-end latency
     * @param baselineP99Seconds     BASELINE's p99, when BASELINE ran
     * @param totalTokensPerSecond   this level's total throughput
     * @param previousTotalTokensPerSecond the previous SATURATION level's throughput, if any
     */
    public static StatusVerdict classify(Phase phase, double successRate, double p99Seconds,
                                         OptionalDouble baselineP99Seconds, double totalTokensPerSecond,
                                         OptionalDouble previousTotalTokensPerSecond) {
        if (!(successRate >= MIN_SUCCESS_RATE)) {
            return new StatusVerdict(LevelStatus.FAILING, String.format(Locale.ROOT,
                    "success %.1f%% < %.0f%%", successRate * 100, MIN_SUCCESS_RATE * 100));
        }
        if (phase == Phase.SCALING && baselineP99Seconds.isPresent()) {
            double limit = DEGRADED_P99_FACTOR * baselineP99Seconds.getAsDouble();
            if (p99Seconds > limit) {
                return new StatusVerdict(LevelStatus.DEGRADED, String.format(Locale.ROOT,
                        "p99 %.3f s > 2 × BASELINE p99 %.3f s", p99Seconds, baselineP99Seconds.getAsDouble()));
            }
            return new StatusVerdict(LevelStatus.OK, String.format(Locale.ROOT,
                    "p99 %.3f s ≤ 2 × BASELINE p99 %.3f s", p99Seconds, baselineP99Seconds.getAsDouble()));
        }
        if (phase == Phase.SATURATION && previousTotalTokensPerSecond.isPresent()) {
            double previous = previousTotalTokensPerSecond.getAsDouble();
            if (totalTokensPerSecond < MIN_THROUGHPUT_GAIN * previous) {
                return new StatusVerdict(LevelStatus.SATURATED, String.format(Locale.ROOT,
                        "%.0f tok/s < 1.05 × previous SATURATION level %.0f tok/s", totalTokensPerSecond, previous));
            }
            return new StatusVerdict(LevelStatus.OK, String.format(Locale.ROOT,
                    "%.0f tok/s ≥ 1.05 × previous SATURATION level %.0f tok/s", totalTokensPerSecond, previous));
        }
        return new StatusVerdict(LevelStatus.OK, String.format(Locale.ROOT, "success %.1f%%", successRate * 100));
    }
}
