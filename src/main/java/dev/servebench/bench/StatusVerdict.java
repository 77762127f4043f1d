package dev.servebench.bench;

/**
 * A level's status and the comparison that produced it, e.g. "p99 6.15 s > 2 × BASELINE p99 2.73 s".
 *
 * @param partial the level was cut short (Ctrl-C): its status judges only the requests that ran
 */
public record StatusVerdict(LevelStatus status, String reason, boolean partial) {
    /**
     * What {@link #interrupted} adds to the reason. summary.json keeps the status and the reason but not the flag, so
     * a reader of it finds a partial level by this.
     */
    private static final String PARTIAL_MARK = "; PARTIAL: interrupted after ";

    public StatusVerdict(LevelStatus status, String reason) {
        this(status, reason, false);
    }

    /** The same verdict on a level that was interrupted after {@code ran} of {@code planned} requests. */
    public StatusVerdict interrupted(int ran, String planned) {
        return new StatusVerdict(status, reason + PARTIAL_MARK + ran + " of " + planned
                + " requests", true);
    }

    /** The status as tables show it: "OK", or "OK (partial)" for a level cut short. */
    public String label() {
        return label(status.name(), partial);
    }

    /**
     * The label of a level read back from summary.json ({@code status}, {@code status_reason}): the same text
     * {@link #label()} gave the level when it ran.
     */
    public static String label(String status, String reason) {
        return label(status, reason != null && reason.contains(PARTIAL_MARK));
    }

    private static String label(String status, boolean partial) {
        return status + (partial ? " (partial)" : "");
    }
}
