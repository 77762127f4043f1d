package dev.servebench.bench;

import dev.servebench.BadInputException;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The per-level figures experiments and comparisons put statistics on, each with its unit and
 * which direction is better (so "faster" means more tokens/s but fewer seconds).
 */
public enum LevelMetric {
    TOTAL_TOKENS_PER_S("total tok/s", true, LevelMetrics::totalTokensPerSecond),
    OUTPUT_TOKENS_PER_S("output tok/s", true, LevelMetrics::outputTokensPerSecond),
    REQUESTS_PER_S("req/s", true, LevelMetrics::requestsPerSecond),
    LATENCY_P50_S("latency p50 s", false, m -> m.latencySeconds().p50()),
    LATENCY_P99_S("latency p99 s", false, m -> m.latencySeconds().p99()),
    TTFT_P99_MS("TTFT p99 ms", false, m -> m.ttftMillis().p99()),
    TPOT_P99_MS("TPOT p99 ms", false, m -> m.tpotMillis().p99());

    private final String label;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<LevelMetrics> extractor;

    LevelMetric(String label, boolean higherIsBetter, ToDoubleFunction<LevelMetrics> extractor) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.extractor = extractor;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public double of(LevelMetrics metrics) {
        return extractor.applyAsDouble(metrics);
    }

    /** Accepts the enum name in any case, with '-' or '_': "ttft-p99-ms", "total_tokens_per_s". */
    public static LevelMetric parse(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (LevelMetric m : values()) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        throw new BadInputException("unknown metric '" + text + "'; use one of "
                + java.util.Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }
}
