package dev.servebench.load;

import dev.servebench.client.RequestRecord;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The requests one load run issued, in issue order, with the run's time marks
 * ({@link System#nanoTime()} readings).
 *
 * @param startNanos     when the run began issuing
 * @param lastIssueNanos when the last request was issued (after it, concurrency only falls: drain)
 * @param endNanos       when the last request ended
 * @param workers        for a level split over several load-generating processes, how many there were
 *                       and how many finished; empty for a run in one process
 */
public record LoadResult(List<RequestRecord> records, long startNanos, long lastIssueNanos, long endNanos,
                         Optional<WorkerCount> workers) {
    public LoadResult {
        records = List.copyOf(records);
        Objects.requireNonNull(workers, "workers");
    }

    /** A run in one process. */
    public LoadResult(List<RequestRecord> records, long startNanos, long lastIssueNanos, long endNanos) {
        this(records, startNanos, lastIssueNanos, endNanos, Optional.empty());
    }

    public double wallSeconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
