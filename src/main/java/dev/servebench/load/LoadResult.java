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
 * @param engine         how the requests were issued, when a {@link LoadRunner} issued them (for a level split
 *                       over workers, when every worker that finished said, and said the same); empty for a
 *                       result that was not measured so (a prediction, a window cut out of a level)
 */
public record LoadResult(List<RequestRecord> records, long startNanos, long lastIssueNanos, long endNanos,
                         Optional<WorkerCount> workers, Optional<LoadEngine> engine) {
    public LoadResult {
        records = List.copyOf(records);
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(engine, "engine");
    }

    /** A run in one process, its engine not said. */
    public LoadResult(List<RequestRecord> records, long startNanos, long lastIssueNanos, long endNanos) {
        this(records, startNanos, lastIssueNanos, endNanos, Optional.empty(), Optional.empty());
    }

    /** A run, its engine not said. */
    public LoadResult(List<RequestRecord> records, long startNanos, long lastIssueNanos, long endNanos,
                      Optional<WorkerCount> workers) {
        this(records, startNanos, lastIssueNanos, endNanos, workers, Optional.empty());
    }

    public double wallSeconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
