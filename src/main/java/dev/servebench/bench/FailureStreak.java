package dev.servebench.bench;

import dev.servebench.client.RequestRecord;

/**
 * Watches a level's requests as they end for a run of identical failures (same class, same
 * message): a server that died or refuses everything. After {@link #LIMIT} in a row there is
 * nothing left to measure in this phase, and going on would only send thousands more.
 */
final class FailureStreak {
    /** Enough that a burst of real errors under load does not trip it, few enough to stop in seconds. */
    static final int LIMIT = 25;

    private String lastCause;
    private int count;
    private volatile String trippedCause;

    synchronized void onRecord(RequestRecord r) {
        if (r.outcome() == dev.servebench.client.RequestOutcome.CANCELLED) {
            return; // the user's doing, not the server's
        }
        if (r.valid()) {
            lastCause = null;
            count = 0;
            return;
        }
        String cause = r.outcome().label() + (r.errorDetail() == null ? "" : ": " + r.errorDetail());
        count = cause.equals(lastCause) ? count + 1 : 1;
        lastCause = cause;
        if (count >= LIMIT && trippedCause == null) {
            trippedCause = cause;
        }
    }

    boolean tripped() {
        return trippedCause != null;
    }

    /** Why the level was given up, or null. */
    String reason() {
        return trippedCause == null ? null : "stopped after " + LIMIT + " consecutive identical failures ("
                + trippedCause + ")";
    }
}
