package dev.servebench.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a server's counters say of its prompt cache between two readings: how many prompt tokens it served from
 * the cache. vLLM counts the prefix cache's queried and hit tokens, SGLang its prompt and cached tokens; llama.cpp
 * counts only the prompt tokens it computed, so its cached ones are what was sent less those.
 *
 * @param cachedTokens  prompt tokens served from the cache
 * @param promptTokens  prompt tokens the server received
 * @param countedBy     which counters said so, for the note and summary.json
 */
public record PromptCacheCounts(long cachedTokens, long promptTokens, String countedBy) {
    /**
     * @param sentPromptTokens the prompt tokens the requests carried, by the server's own usage blocks: needed when
     *                         the server counts only what it computed (llama.cpp); empty when unknown
     * @return empty when the readings hold no counter that tells, or a counter went backwards (a restart)
     */
    public static Optional<PromptCacheCounts> between(ServerReading start, ServerReading end,
                                                      OptionalLong sentPromptTokens) {
        Optional<Double> hits = delta(start, end, ServerCounter.PREFIX_CACHE_HITS);
        Optional<Double> queries = delta(start, end, ServerCounter.PREFIX_CACHE_QUERIES);
        if (hits.isPresent() && queries.isPresent()) {
            String names = end.engine().map(e -> e.names(ServerCounter.PREFIX_CACHE_HITS).getFirst() + " / "
                    + e.names(ServerCounter.PREFIX_CACHE_QUERIES).getFirst())
                    .orElse("the queries prefix_cache_hits / prefix_cache_queries");
            return Optional.of(new PromptCacheCounts(Math.round(hits.get()), Math.round(queries.get()), names));
        }
        Optional<Double> computed = delta(start, end, ServerCounter.PROMPT_TOKENS);
        if (end.engine().filter(e -> e == ServingEngine.LLAMA_CPP).isPresent() && computed.isPresent()
                && sentPromptTokens.isPresent()) {
            long sent = sentPromptTokens.getAsLong();
            long cached = Math.max(0, sent - Math.round(computed.get()));
            return Optional.of(new PromptCacheCounts(cached, sent, "the usage blocks' prompt tokens less "
                    + ServingEngine.LLAMA_CPP.names(ServerCounter.PROMPT_TOKENS).getFirst() + " (those computed)"));
        }
        return Optional.empty();
    }

    /** Cached tokens over prompt tokens; 0 when no prompt token arrived. */
    @JsonProperty("cached_fraction")
    public double cachedFraction() {
        return promptTokens <= 0 ? 0 : (double) cachedTokens / promptTokens;
    }

    private static Optional<Double> delta(ServerReading start, ServerReading end, ServerCounter counter) {
        Double a = start.counters().get(counter);
        Double b = end.counters().get(counter);
        if (a == null || b == null || b < a) {
            return Optional.empty();
        }
        return Optional.of(b - a);
    }
}
