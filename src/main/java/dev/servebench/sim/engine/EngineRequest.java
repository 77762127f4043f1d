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
 */
public record EngineRequest(long id, long[] promptTokenHashes, int images, int imageTokens, int maxTokens,
                            int minTokens, int naturalLength, boolean ignoreEos) {
    public EngineRequest {
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
