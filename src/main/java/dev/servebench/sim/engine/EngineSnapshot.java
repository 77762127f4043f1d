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

    /** A cluster's gauges and counters: the sum over its instances. */
    public static EngineSnapshot sum(java.util.List<EngineSnapshot> parts) {
        int running = 0;
        int waiting = 0;
        int used = 0;
        int total = 0;
        long prompt = 0;
        long generation = 0;
        long preemptions = 0;
        long finished = 0;
        long queried = 0;
        long hits = 0;
        long steps = 0;
        for (EngineSnapshot p : parts) {
            running += p.running;
            waiting += p.waiting;
            used += p.kvUsedBlocks;
            total += p.kvTotalBlocks;
            prompt += p.promptTokens;
            generation += p.generationTokens;
            preemptions += p.preemptions;
            finished += p.finishedRequests;
            queried += p.prefixQueriedTokens;
            hits += p.prefixHitTokens;
            steps += p.steps;
        }
        return new EngineSnapshot(running, waiting, used, total, prompt, generation, preemptions, finished, queried,
                hits, steps);
    }
}
