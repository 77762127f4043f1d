package dev.servebench.distributed;

import dev.servebench.client.ConnectionUse;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;

/**
 * A {@link RequestRecord} as it travels from a worker: every field, times on the worker's clock. The
 * coordinator moves them onto its own clock with {@link #onCoordinatorClock(long)}; durations (latency,
 * TTFT, inter-token gaps) are differences and come through unchanged.
 */
public record WireRecord(long scheduledNanos, long sentNanos, long firstTokenNanos, long endNanos,
                         long[] interTokenGapsNanos, int promptTokens, int completionTokens, TokenSource tokenSource,
                         int httpStatus, RequestOutcome outcome, String finishReason, String errorDetail,
                         long firstAnswerNanos, boolean reused, long connectNanos, int retries, int turn,
                         boolean overHttp, int askedPromptTokens) {

    public static WireRecord of(RequestRecord r) {
        ConnectionUse c = r.connection();
        return new WireRecord(r.scheduledNanos(), r.sentNanos(), r.firstTokenNanos(), r.endNanos(),
                r.interTokenGapsNanos(), r.promptTokens(), r.completionTokens(), r.tokenSource(), r.httpStatus(),
                r.outcome(), r.finishReason(), r.errorDetail(), r.firstAnswerNanos(), c.reused(), c.connectNanos(),
                c.retries(), r.turn(), c != ConnectionUse.NOT_APPLICABLE, r.askedPromptTokens());
    }

    /**
     * The record with its times on the coordinator's clock.
     *
     * @param workerOffsetNanos the worker's clock minus the coordinator's
     */
    public RequestRecord onCoordinatorClock(long workerOffsetNanos) {
        ConnectionUse connection = overHttp ? new ConnectionUse(reused, connectNanos, retries)
                : ConnectionUse.NOT_APPLICABLE;
        return new RequestRecord(scheduledNanos - workerOffsetNanos, sentNanos - workerOffsetNanos,
                shift(firstTokenNanos, workerOffsetNanos), endNanos - workerOffsetNanos, interTokenGapsNanos,
                promptTokens, completionTokens, tokenSource, httpStatus, outcome, finishReason, errorDetail,
                shift(firstAnswerNanos, workerOffsetNanos), connection, turn, askedPromptTokens);
    }

    private static long shift(long nanos, long offset) {
        return nanos == RequestRecord.NONE ? RequestRecord.NONE : nanos - offset;
    }
}
