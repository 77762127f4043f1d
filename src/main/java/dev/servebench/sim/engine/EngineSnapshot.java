package dev.servebench.sim.engine;

/**
 * The engine's gauges and counters at one moment, named after vLLM's Prometheus metrics.
 *
 * @param running              sequences in the running batch ({@code vllm:num_requests_running})
 * @param waiting              sequences waiting or preempted ({@code vllm:num_requests_waiting})
 * @param kvUsedBlocks         blocks held by sequences
 * @param kvTotalBlocks        blocks in the cache
 * @param promptTokens         prompt tokens computed ({@code vllm:prompt_tokens_total}; cache hits excluded)
 * @param generationTokens     output tokens produced ({@code vllm:generation_tokens_total})
 * @param preemptions          sequences preempted so far ({@code vllm:num_preemptions_total})
 * @param finishedRequests     requests finished (stop or length)
 * @param prefixQueriedTokens  prompt tokens looked up in the prefix cache
 * @param prefixHitTokens      of those, tokens found
 * @param steps                engine steps run
 */
public record EngineSnapshot(int running, int waiting, int kvUsedBlocks, int kvTotalBlocks, long promptTokens,
                             long generationTokens, long preemptions, long finishedRequests,
                             long prefixQueriedTokens, long prefixHitTokens, long steps) {
    /** Fraction of KV blocks in use, 0..1 ({@code vllm:kv_cache_usage_perc}). */
    public double kvUsage() {
        return kvTotalBlocks == 0 ? 0 : (double) kvUsedBlocks / kvTotalBlocks;
    }
}
