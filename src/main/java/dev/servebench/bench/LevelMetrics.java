package dev.servebench.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.stats.Summary;

import java.util.Map;

/**
 * The measured figures of one level. Latency, TTFT, ITL and TPOT come from valid requests only;
 * throughput counts the tokens of valid requests. Nullable fields are absent when they do not
 * apply (no SLO set, active parameters unknown, steady-state window too short).
 *
 * @param requests          requests issued
 * @param validRequests     HTTP 200, well-formed, complete, with the forced length when forced
 * @param httpOkRequests    HTTP 200 with a complete body, whatever it held (the study's success)
 * @param failuresByClass   count per failure class (timeout, connect, reset, http_4xx, http_5xx, malformed, short)
 * @param tokenSource       "usage", "estimated", "mixed" or "unreadable usage" (a usage block whose counts could not be read): where token counts came from
 * @param wallSeconds       from the first issue to the last completion
 * @param timeToFirstAnswerMillis send to the first answer token, when a reasoning model streamed
 *                          thinking first (TTFT counts output of any kind); null otherwise
 * @param lengths           prompt and answer lengths as the server counted them; null without usage
 * @param connections       new and reused connections, retries; null when not over HTTP
 * @param firstFailureByClass the first failed request's message per failure class, in the order they
 *                          ended: what to read first when a level is FAILING; null when none failed
 * @param ttftMillisByTurn    TTFT of valid requests per conversation turn (1 is the first), when the level
 *                            ran multi-turn conversations; null otherwise. A later turn's prompt holds the
 *                            history, so its TTFT shows what prefix caching saves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LevelMetrics(int requests, int validRequests, int httpOkRequests, double successRate, double httpOkRate,
                           Map<String, Integer> failuresByClass,
                           Summary latencySeconds, Summary latencyFromScheduledSeconds,
                           Summary ttftMillis, Summary itlMillis, Summary tpotMillis,
                           long promptTokens, long completionTokens, String tokenSource,
                           double wallSeconds, double totalTokensPerSecond, double outputTokensPerSecond,
                           double requestsPerSecond, SteadyState steadyState, Goodput goodput,
                           Double totalTokensPerSecondPerActiveBillion, Summary timeToFirstAnswerMillis,
                           LengthCheck lengths, ConnectionStats connections,
                           Map<String, String> firstFailureByClass, Map<Integer, Summary> ttftMillisByTurn) {
    public LevelMetrics {
        ttftMillisByTurn = ttftMillisByTurn == null ? null : java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(ttftMillisByTurn));
        failuresByClass = Map.copyOf(failuresByClass);
        firstFailureByClass = firstFailureByClass == null ? null : Map.copyOf(firstFailureByClass);
    }

    public double meanCompletionTokens() {
        return validRequests == 0 ? 0 : (double) completionTokens / validRequests;
    }
}
