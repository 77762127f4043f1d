package dev.servebench.bench;

import dev.servebench.BadInputException;
import java.util.Locale;

/** The five phases of the progressive benchmark, in the order they run. */
public enum Phase {
    /** One short request to trigger compilation and caches; excluded from every aggregate. */
    WARMUP,
    /** Concurrency 1 on the main workload; its p99 is the reference for DEGRADED. */
    BASELINE,
    /** Rising concurrency on the main workload. */
    SCALING,
    /** Edge cases: long output, long-context prefill, vision. */
    STRESS,
    /** High concurrency to find peak throughput and the saturation point. */
    SATURATION;

    /**
     * Whether the phase's levels send the run's main requests (its dataset, trace, shared prefixes,
     * conversations); WARMUP and STRESS keep generated prompts of set lengths.
     */
    public boolean drawsMainRequests() {
        return this != WARMUP && this != STRESS;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Phase parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown phase '" + text
                    + "'; use warmup, baseline, scaling, stress, saturation");
        }
    }
}
