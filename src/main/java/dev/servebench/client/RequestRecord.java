package dev.servebench.client;

import java.util.Objects;

/**
 * Everything measured about one request. Times are {@link System#nanoTime()} readings of this
 * process; {@code firstTokenNanos} is {@link #NONE} when no content arrived (or the call was not
 * streamed).
 *
 * @param scheduledNanos      when the load model wanted the request sent (open loop: its arrival time)
 * @param sentNanos           when the client actually started sending it
 * @param firstTokenNanos     arrival of the first chunk carrying output text
 * @param endNanos            arrival of the last byte, or the moment the failure was seen
 * @param interTokenGapsNanos gaps between consecutive chunks that carried output text
 * @param promptTokens        prompt tokens (from {@code usage} or estimated, see {@code tokenSource})
 * @param completionTokens    completion tokens (from {@code usage} or estimated)
 * @param httpStatus          the response status, 0 when none was received
 * @param outcome             OK or the failure class
 * @param finishReason        the server's {@code finish_reason}, or null
 * @param errorDetail         a short description of the failure, or null; never contains secrets
 * @param firstAnswerNanos    arrival of the first chunk carrying answer text ({@code content}, not a
 *                            reasoning model's {@code reasoning_content}), or {@link #NONE}
 * @param connection          new or reused connection, connect time, retries
 * @param turn                the turn of a multi-turn conversation it was (1 is the first), or
 *                            {@link #NO_TURN} for a request on its own
 * @param askedPromptTokens   the prompt's length as the run counted it ({@link CompletionRequest#askedPromptTokens()}),
 *                            {@link CompletionRequest#UNKNOWN} where it was not
 */
public record RequestRecord(long scheduledNanos, long sentNanos, long firstTokenNanos, long endNanos,
                            long[] interTokenGapsNanos, int promptTokens, int completionTokens,
                            TokenSource tokenSource, int httpStatus, RequestOutcome outcome,
                            String finishReason, String errorDetail, long firstAnswerNanos,
                            ConnectionUse connection, int turn, int askedPromptTokens) {
    public static final long NONE = -1;
    public static final int NO_TURN = 0;

    /** A record without the asked prompt length (simulation, records from older workers, tests). */
    public RequestRecord(long scheduledNanos, long sentNanos, long firstTokenNanos, long endNanos,
                         long[] interTokenGapsNanos, int promptTokens, int completionTokens,
                         TokenSource tokenSource, int httpStatus, RequestOutcome outcome,
                         String finishReason, String errorDetail, long firstAnswerNanos,
                         ConnectionUse connection, int turn) {
        this(scheduledNanos, sentNanos, firstTokenNanos, endNanos, interTokenGapsNanos, promptTokens,
                completionTokens, tokenSource, httpStatus, outcome, finishReason, errorDetail, firstAnswerNanos,
                connection, turn, CompletionRequest.UNKNOWN);
    }

    /** A request on its own, not a turn of a conversation. */
    public RequestRecord(long scheduledNanos, long sentNanos, long firstTokenNanos, long endNanos,
                         long[] interTokenGapsNanos, int promptTokens, int completionTokens,
                         TokenSource tokenSource, int httpStatus, RequestOutcome outcome,
                         String finishReason, String errorDetail, long firstAnswerNanos,
                         ConnectionUse connection) {
        this(scheduledNanos, sentNanos, firstTokenNanos, endNanos, interTokenGapsNanos, promptTokens,
                completionTokens, tokenSource, httpStatus, outcome, finishReason, errorDetail, firstAnswerNanos,
                connection, NO_TURN);
    }

    public RequestRecord {
        interTokenGapsNanos = interTokenGapsNanos.clone();
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(connection, "connection");
    }

    /** A record without reasoning output or connection details (virtual-time simulation, tests). */
    public RequestRecord(long scheduledNanos, long sentNanos, long firstTokenNanos, long endNanos,
                         long[] interTokenGapsNanos, int promptTokens, int completionTokens,
                         TokenSource tokenSource, int httpStatus, RequestOutcome outcome,
                         String finishReason, String errorDetail) {
        this(scheduledNanos, sentNanos, firstTokenNanos, endNanos, interTokenGapsNanos, promptTokens,
                completionTokens, tokenSource, httpStatus, outcome, finishReason, errorDetail, firstTokenNanos,
                ConnectionUse.NOT_APPLICABLE);
    }

    @Override
    public long[] interTokenGapsNanos() {
        return interTokenGapsNanos.clone();
    }

    /** Number of inter-token gaps, without copying them. */
    public int interTokenGapCount() {
        return interTokenGapsNanos.length;
    }

    /** The i-th gap, without copying the array. */
    public long interTokenGapNanos(int i) {
        return interTokenGapsNanos[i];
    }

    public boolean valid() {
        return outcome == RequestOutcome.OK;
    }

    /** An HTTP 200 with a complete body, whatever it contained: the study's notion of success. */
    public boolean httpOk() {
        return httpStatus == 200 && outcome != RequestOutcome.RESET && outcome != RequestOutcome.TRUNCATED
                && outcome != RequestOutcome.TIMEOUT && outcome != RequestOutcome.OVERLONG
                && outcome != RequestOutcome.CONNECT && outcome != RequestOutcome.CLIENT_LIMIT;
    }

    /** End-to-end latency from the moment the request was sent. */
    public long latencyNanos() {
        return endNanos - sentNanos;
    }

    /** End-to-end latency from the scheduled time: includes any delay in sending (coordinated omission). */
    public long latencyFromScheduledNanos() {
        return endNanos - scheduledNanos;
    }

    public boolean hasFirstToken() {
        return firstTokenNanos != NONE;
    }

    /** Time to first token from send, or {@link #NONE}. */
    public long ttftNanos() {
        return hasFirstToken() ? firstTokenNanos - sentNanos : NONE;
    }

    /** The same record with another error detail (secrets scrubbed from what the server said). */
    public RequestRecord withErrorDetail(String detail) {
        return new RequestRecord(scheduledNanos, sentNanos, firstTokenNanos, endNanos, interTokenGapsNanos,
                promptTokens, completionTokens, tokenSource, httpStatus, outcome, finishReason, detail,
                firstAnswerNanos, connection, turn, askedPromptTokens);
    }

    /** The same record, marked as turn {@code n} of a conversation. */
    public RequestRecord withTurn(int n) {
        return new RequestRecord(scheduledNanos, sentNanos, firstTokenNanos, endNanos, interTokenGapsNanos,
                promptTokens, completionTokens, tokenSource, httpStatus, outcome, finishReason, errorDetail,
                firstAnswerNanos, connection, n, askedPromptTokens);
    }

    /**
     * Time to the first answer token from send, or {@link #NONE}: later than {@link #ttftNanos()}
     * when a reasoning model thought first (TTFT counts output of any kind, as vLLM's client does).
     */
    public long timeToFirstAnswerNanos() {
        return firstAnswerNanos == NONE ? NONE : firstAnswerNanos - sentNanos;
    }

    /** Chunks that carried output text: each inter-token gap ends one, and the first starts them. */
    public int outputChunks() {
        return hasFirstToken() ? interTokenGapsNanos.length + 1 : 0;
    }

    /** Time per output token after the first (vLLM's TPOT), or {@link #NONE} with fewer than two tokens. */
    public long tpotNanos() {
        if (!hasFirstToken() || completionTokens < 2) {
            return NONE;
        }
        return (endNanos - firstTokenNanos) / (completionTokens - 1);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
