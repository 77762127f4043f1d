package dev.servebench.load;

import dev.servebench.client.RequestRecord;

import java.util.List;

/**
 * The requests one load run issued, in issue order, with the run's time marks
 * ({@link System#nanoTime()} readings).
 *
 * @param startNanos     when the run began issuing
 * @param lastIssueNanos when the last request was issued (after it, concurrency only falls: drain)
 * @param endNanos       when the last request ended
 */
public record LoadResult(List<RequestRecord> records, long startNanos, long lastIssueNanos, long endNanos) {
    public LoadResult {
        records = List.copyOf(records);
    }

    public double wallSeconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
