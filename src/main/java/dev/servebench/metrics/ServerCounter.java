package dev.servebench.metrics;

/** A running total the server reports; a level's share is the difference between its first and last scrape. */
public enum ServerCounter {
    /** Requests preempted (their KV cache evicted, to be recomputed later). */
    PREEMPTIONS("preemptions"),
    /** Prompt tokens found in the prefix cache. */
    PREFIX_CACHE_HITS("prefix_cache_hits"),
    /** Prompt tokens looked up in the prefix cache. */
    PREFIX_CACHE_QUERIES("prefix_cache_queries"),
    /** Prompt tokens the server computed (llama.cpp and the simulator leave out those its cache served). */
    PROMPT_TOKENS("prompt_tokens"),
    /** Output tokens the server generated. */
    GENERATION_TOKENS("generation_tokens");

    private final String key;

    ServerCounter(String key) {
        this.key = key;
    }

    /** The name {@code --prometheus-query} gives it. */
    public String key() {
        return key;
    }
}
