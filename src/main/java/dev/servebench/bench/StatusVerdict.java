package dev.servebench.bench;

/**
 * A level's status and the comparison that produced it, e.g. "p99 6.15 s > 2 × BASELINE p99 2.73 s".
 *
 * @param partial the level was cut short (Ctrl-C): its status judges only the requests that ran
 */
public record StatusVerdict(LevelStatus status, String reason, boolean partial) {
    public StatusVerdict(LevelStatus status, String reason) {
        this(status, reason, false);
    }

    /** The same verdict on a level that was interrupted after {@code ran} of {@code planned} requests. */
    public StatusVerdict interrupted(int ran, String planned) {
        return new StatusVerdict(status, reason + "; PARTIAL: interrupted after " + ran + " of " + planned
                + " requests", true);
    }

    /** The status as tables show it: "OK", or "OK (partial)" for a level cut short. */
    public String label() {
        return status.name() + (partial ? " (partial)" : "");
    }
}
