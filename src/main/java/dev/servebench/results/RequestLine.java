package dev.servebench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.bench.LevelSpec;
import dev.servebench.client.ConnectionUse;
import dev.servebench.client.RequestRecord;

/**
 * One line of {@code requests.jsonl}. Times are milliseconds since the benchmark started;
 * absent values are omitted (no first token, fewer than two tokens, no error, not over HTTP).
 * {@code ttfatMs} (time to first answer token) appears only when it differs from TTFT, that is
 * when a reasoning model streamed its thinking first. {@code connection} is {@code new} or
 * {@code reused}, {@code connectMs} the connect (and TLS) time of a new one, {@code retries} 1 when
 * a reused connection the server had closed was replaced before any response byte. {@code turn} is
 * the request's turn in a multi-turn conversation (1 first), absent for a request on its own.
 * {@code askedPromptTokens} is the prompt's length as the run counted it when building the request (the
 * dataset's count, a generated prompt's target): vLLM's {@code prompt_len}, which the vllm-json export
 * reports; {@code promptTokens} is the server's count, chat template included. Absent where not counted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestLine(String phase, String level, int index, double scheduledMs, double sentMs,
                          Double firstTokenMs, double endMs, double latencyMs, Double ttftMs, Double ttfatMs,
                          Double tpotMs, double[] itlMs, int promptTokens, int completionTokens, String tokenSource,
                          int httpStatus, String outcome, String finishReason, String error, String connection,
                          Double connectMs, Integer retries, Integer turn, Integer askedPromptTokens) {

    public static RequestLine of(LevelSpec level, int index, RequestRecord r, long originNanos) {
        double[] itl = new double[r.interTokenGapCount()];
        for (int i = 0; i < itl.length; i++) {
            itl[i] = round3(r.interTokenGapNanos(i) / 1e6);
        }
        boolean reasoningFirst = r.firstAnswerNanos() != r.firstTokenNanos();
        ConnectionUse c = r.connection();
        boolean overHttp = c != ConnectionUse.NOT_APPLICABLE;
        return new RequestLine(level.phase().name(), level.name(), index,
                millis(r.scheduledNanos(), originNanos), millis(r.sentNanos(), originNanos),
                r.hasFirstToken() ? millis(r.firstTokenNanos(), originNanos) : null,
                millis(r.endNanos(), originNanos), round3(r.latencyNanos() / 1e6),
                r.hasFirstToken() ? round3(r.ttftNanos() / 1e6) : null,
                reasoningFirst && r.timeToFirstAnswerNanos() != RequestRecord.NONE
                        ? round3(r.timeToFirstAnswerNanos() / 1e6) : null,
                r.tpotNanos() == RequestRecord.NONE ? null : round3(r.tpotNanos() / 1e6),
                itl, r.promptTokens(), r.completionTokens(), r.tokenSource().name().toLowerCase(java.util.Locale.ROOT),
                r.httpStatus(), r.outcome().label(), r.finishReason(), r.errorDetail(),
                overHttp ? (c.reused() ? "reused" : "new") : null,
                overHttp && !c.reused() ? round3(c.connectNanos() / 1e6) : null,
                overHttp && c.retries() > 0 ? c.retries() : null,
                r.turn() == RequestRecord.NO_TURN ? null : r.turn(),
                r.askedPromptTokens() > 0 ? r.askedPromptTokens() : null);
    }

    private static double millis(long nanos, long originNanos) {
        return round3((nanos - originNanos) / 1e6);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
