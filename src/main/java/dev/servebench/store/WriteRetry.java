package dev.servebench.store;

import java.time.Duration;

/**
 * How long a database write waits out a lock held by another connection (another servebench
 * process, a backup, someone's sqlite3 shell) before it gives up. SQLite's busy_timeout makes each
 * statement wait up to {@code perStatement} inside the driver; what that does not cover (SQLITE_BUSY
 * returned at once to break a deadlock between two writers, a lock that outlasts one statement's
 * wait, PostgreSQL's serialization and lock failures) is retried with doubling pauses until
 * {@code total} is spent. Bounded on purpose: the results folder is a run's primary record, and the
 * run must not stall on its secondary one.
 *
 * @param total        the whole budget of one write, retries included; the last try may run up to
 *                     {@code perStatement} past it
 * @param perStatement how long one statement waits for the lock (SQLite's busy_timeout)
 */
public record WriteRetry(Duration total, Duration perStatement) {
    /** About ten seconds: a checkpoint or a quick query by someone else passes; a held lock does not. */
    public static final WriteRetry DEFAULT = new WriteRetry(Duration.ofSeconds(10), Duration.ofSeconds(2));

    /** The first pause between tries; each next one doubles, up to {@link #MAX_PAUSE}. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    public WriteRetry {
        if (total.isNegative() || total.isZero() || perStatement.isNegative() || perStatement.isZero()) {
            throw new IllegalArgumentException("write retry durations must be positive: " + total + ", "
                    + perStatement);
        }
        if (perStatement.compareTo(total) > 0) {
            throw new IllegalArgumentException("one statement's wait " + perStatement + " exceeds the whole budget "
                    + total);
        }
    }
}
