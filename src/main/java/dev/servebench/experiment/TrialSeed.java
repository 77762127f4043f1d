package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.PromptCacheCheck;

import java.util.Optional;

/**
 * One trial of an experiment as its analysis keeps it: which prompts it sent (its seed, which {@code bench --seed}
 * replays) and whether the server had them cached.
 *
 * @param promptCachedFraction the largest share of a level's prompt tokens the server served from its cache;
 *                             null when its counters were not read
 * @param unexpectedCacheHits  whether a level meant to send new prompts was served from the cache (its note says)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialSeed(String group, int index, long seed, String runId, Double promptCachedFraction,
                        boolean unexpectedCacheHits) {
    static TrialSeed of(TrialOutcome outcome) {
        Optional<PromptCacheCheck> worst = outcome.result().levels().stream()
                .flatMap(l -> l.promptCache().stream())
                .max(java.util.Comparator.comparingDouble(PromptCacheCheck::cachedFraction));
        boolean unexpected = outcome.result().levels().stream().map(LevelResult::promptCache)
                .flatMap(Optional::stream).anyMatch(PromptCacheCheck::unexpectedHits);
        return new TrialSeed(outcome.trial().group(), outcome.trial().index(), outcome.trial().seed(),
                outcome.runId().orElse(null), worst.map(PromptCacheCheck::cachedFraction).orElse(null), unexpected);
    }
}
