package dev.servebench.metrics;

/**
 * A state the server reports as a gauge, whatever its engine calls it ({@link ServingEngine} has the names). Several
 * series of one gauge (per engine of a data-parallel vLLM, per model) are added up when they count requests and
 * averaged when they are fractions.
 */
public enum ServerGauge {
    /** Requests queued, not yet scheduled: the queue depth. */
    WAITING_REQUESTS("waiting", false),
    /** Requests in the running batch. */
    RUNNING_REQUESTS("running", false),
    /** Fraction of the KV cache in use, 0..1. */
    KV_CACHE_USAGE("kv_cache_usage", true),
    /** A hit rate the server computes itself (SGLang), 0..1; vLLM's comes from counters instead. */
    PREFIX_CACHE_HIT_RATE("prefix_cache_hit_rate", true);

    private final String key;
    private final boolean fraction;

    ServerGauge(String key, boolean fraction) {
        this.key = key;
        this.fraction = fraction;
    }

    /** The name {@code --prometheus-query} gives it. */
    public String key() {
        return key;
    }

    /** Series are averaged (a fraction) rather than added up (a count). */
    public boolean averaged() {
        return fraction;
    }
}
