package dev.servebench.metrics;

/** A latency the server measures itself, as a histogram in seconds. */
public enum ServerHistogram {
    /** Time to first token, from the request's arrival at the server. */
    TTFT("ttft"),
    /** The gap between output tokens (vLLM's older name for it: time per output token). */
    ITL("itl");

    private final String key;

    ServerHistogram(String key) {
        this.key = key;
    }

    /** {@code --prometheus-query} names its parts KEY_bucket, KEY_sum and KEY_count. */
    public String key() {
        return key;
    }
}
