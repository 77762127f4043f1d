package dev.servebench.sim.engine;

/**
 * One generation request as the engine sees it: token counts, not text.
 *
 * @param id                 unique within an engine
 * @param promptTokenHashes  one hash per prompt token (text and image tokens); equal prefixes share cache blocks
 * @param images             images whose encoder runs when the prompt's prefill starts
 * @param imageTokens        prompt tokens the images expand to (already counted in {@code promptTokenHashes})
 * @param maxTokens          output limit
 * @param minTokens          no stop before this many output tokens
 * @param naturalLength      output length at which the model would emit EOS; ignored when {@code ignoreEos}
 * @param ignoreEos          generate exactly {@code maxTokens}
 * @param preloadedTokens    prompt tokens whose KV arrives from elsewhere instead of being computed here: a
 *                           disaggregated decode instance gets the prefill instance's cache (vLLM recomputes only
 *                           the last prompt token to sample the first output token), and a decode-only benchmark
 *                           preloads it like vLLM's DecodeBenchConnector. 0 for an ordinary request.
 */
public record EngineRequest(long id, long[] promptTokenHashes, int images, int imageTokens, int maxTokens,
                            int minTokens, int naturalLength, boolean ignoreEos, int preloadedTokens) {

    public EngineRequest(long id, long[] promptTokenHashes, int images, int imageTokens, int maxTokens, int minTokens,
                         int naturalLength, boolean ignoreEos) {
        this(id, promptTokenHashes, images, imageTokens, maxTokens, minTokens, naturalLength, ignoreEos, 0);
    }

    public EngineRequest {
        if (preloadedTokens < 0) {
            throw new IllegalArgumentException("preloaded tokens must not be negative, got " + preloadedTokens);
        }
        if (promptTokenHashes.length < 1) {
            throw new IllegalArgumentException("a prompt needs at least one token");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        if (minTokens < 0 || minTokens > maxTokens) {
            throw new IllegalArgumentException("min_tokens must be within 0.." + maxTokens + ", got " + minTokens);
        }
    }

    /** The same request under another id with {@code tokens} of its prompt's KV preloaded. */
    public EngineRequest withPreloaded(long newId, int tokens) {
        return new EngineRequest(newId, promptTokenHashes, images, imageTokens, maxTokens, minTokens, naturalLength,
                ignoreEos, tokens);
    }

    /** The same request under another id, stopped after its first output token: a prefill instance's share. */
    public EngineRequest prefillOnly(long newId) {
        return new EngineRequest(newId, promptTokenHashes, images, imageTokens, 1, 0, naturalLength, true, 0);
    }

    public int promptTokens() {
        return promptTokenHashes.length;
    }

    /** Output tokens this request will produce. */
    public int expectedOutputTokens() {
        if (ignoreEos || naturalLength <= 0) {
            return maxTokens;
        }
        return Math.min(maxTokens, Math.max(minTokens, naturalLength));
    }
}
