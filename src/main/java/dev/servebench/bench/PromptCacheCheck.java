package dev.servebench.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.metrics.PromptCacheCounts;

import java.util.Locale;

/**
 * How much of one level's prompt the server served from its cache, by its own counters read as the level began
 * and ended, and what that means for the level's figures.
 *
 * @param cachedTokens   prompt tokens the server served from its cache
 * @param promptTokens   prompt tokens it received
 * @param cachedFraction the first over the second
 * @param countedBy      the counters that said so
 * @param hitsExpected   whether the level's prompts share text by design (then hits are the workload's, not stale)
 * @param note           a line for under the level's table when the cache served more than {@link #NOTE_FRACTION}
 *                       of the prompt beyond what the chat template explains; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptCacheCheck(long cachedTokens, long promptTokens, double cachedFraction, String countedBy,
                               boolean hitsExpected, String note) {
    /** Above this share of a level's prompt tokens served from cache, the level's prefill was not measured. */
    public static final double NOTE_FRACTION = 0.05;

    /**
     * @param expectedBecause why this level's prompts share text ("--prompt paper repeats one passage"), or null
     *                        when each prompt is meant to be new to the server
     * @param templateTokens  tokens the chat template adds at most to each prompt, which a server may have cached
     *                        from the request before (llama.cpp's slot cache holds the template's start)
     * @param requests        requests the level sent
     */
    static PromptCacheCheck of(PromptCacheCounts counts, String expectedBecause, int templateTokens, int requests) {
        long explained = (long) Math.max(0, templateTokens) * requests;
        long unexplained = Math.max(0, counts.cachedTokens() - explained);
        boolean expected = expectedBecause != null;
        String note = null;
        if (counts.promptTokens() > 0 && unexplained > NOTE_FRACTION * counts.promptTokens()) {
            String figure = String.format(Locale.ROOT, "%.1f %% of the prompt tokens (%,d of %,d by %s)",
                    100 * counts.cachedFraction(), counts.cachedTokens(), counts.promptTokens(), counts.countedBy());
            note = expected
                    ? "prompt cache: the server served " + figure + " from its cache, as this workload expects ("
                    + expectedBecause + ")"
                    : "prompt cache: the server served " + figure + " from its cache, though every prompt was meant to "
                    + "be new to it: it had been sent them before (an earlier run with the same --seed?), so TTFT "
                    + "and throughput here measure its cache, not its prefill";
        }
        return new PromptCacheCheck(counts.cachedTokens(), counts.promptTokens(), counts.cachedFraction(),
                counts.countedBy(), expected, note);
    }

    /** Served from cache more than the workload explains, though the prompts were meant to be new. */
    @JsonIgnore
    public boolean unexpectedHits() {
        return note != null && !hitsExpected;
    }
}
