package dev.servebench.export;

import dev.servebench.results.RequestLine;

/**
 * One request of a run, typed for export: a line of {@code requests.jsonl} with its run and the
 * position of its level in the run. Times are seconds since the benchmark started (microsecond
 * precision, as recorded); TTFT, TPOT and connect time stay in milliseconds, as in the summary.
 * Null means absent: no first token, fewer than two tokens, no error, not over HTTP, or (for
 * {@code position}) a level the database did not record, such as one cut short by an interruption.
 *
 * @param ttftMs  send to first output token of any kind
 * @param ttfatMs send to first answer token, only when a reasoning model streamed thinking first
 * @param e2eS    send to last byte
 * @param itlMs   gaps between consecutive chunks that carried output text
 * @param turn    the turn of a multi-turn conversation (1 first), null for a request on its own
 * @param askedPromptTokens the prompt's length as the run counted it (vLLM's {@code prompt_len}), null where the
 *                run did not record one (runs before it was recorded)
 */
public record RequestRow(String runId, Integer position, String phase, String level, int index, String outcome,
                         int httpStatus, double scheduledS, double sentS, Double firstTokenS, double endS,
                         Double ttftMs, Double ttfatMs, double e2eS, Double tpotMs, int promptTokens,
                         int completionTokens, String tokenSource, String finishReason, String connection,
                         Double connectMs, Integer retries, String error, double[] itlMs, Integer turn,
                         Integer askedPromptTokens) {

    public static RequestRow of(String runId, Integer position, RequestLine l) {
        return new RequestRow(runId, position, l.phase(), l.level(), l.index(), l.outcome(), l.httpStatus(),
                seconds(l.scheduledMs()), seconds(l.sentMs()), l.firstTokenMs() == null ? null : seconds(l.firstTokenMs()),
                seconds(l.endMs()), l.ttftMs(), l.ttfatMs(), seconds(l.latencyMs()), l.tpotMs(), l.promptTokens(),
                l.completionTokens(), l.tokenSource(), l.finishReason(), l.connection(), l.connectMs(), l.retries(),
                l.error(), l.itlMs() == null ? new double[0] : l.itlMs(), l.turn(), l.askedPromptTokens());
    }

    /** Whether the request counts: HTTP 200, well-formed, complete (vLLM's {@code success}). */
    public boolean ok() {
        return "ok".equals(outcome);
    }

    /**
     * Whether vLLM's client would call it a success: its stream answered HTTP 200 with content
     * ({@code output.success} in endpoint_request_func.py), so an answer shorter than a forced length is one,
     * where servebench counts it failed ({@code short}).
     */
    public boolean vllmSuccess() {
        return ok() || ("short".equals(outcome) && (firstTokenS != null || completionTokens > 0));
    }

    /** "SCALING c=50", as {@link dev.servebench.store.StoredLevel#key()}. */
    public String levelKey() {
        return phase + " " + level;
    }

    /** Milliseconds (three decimals) to seconds, rounded to the microsecond so no binary noise is added. */
    private static double seconds(double millis) {
        return Math.round(millis * 1000) / 1e6;
    }
}
