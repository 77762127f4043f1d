package dev.servebench.distributed;

import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.load.RunBounds;

import java.time.Duration;
import java.util.Optional;

/**
 * One worker's part of one level: its load and bounds, which of the level's request numbers it sends
 * (request {@code i} of its own is the level's {@code firstIndex + i * indexStride}, so the workers'
 * requests are the one-process run's, each built once), and when to start, on the worker's clock.
 *
 * @param level        the level's number in the run (1 is the first), as the one-process run numbers it
 * @param firstEntry   the dataset entry the level's request 0 takes
 * @param startAtNanos when to start issuing, a {@link System#nanoTime()} reading of the worker
 */
public record LevelShare(int level, Phase phase, String name, WireLoad load, Integer maxRequests,
                         Long maxDurationNanos, Workload workload, long firstEntry, int firstIndex, int indexStride,
                         long startAtNanos) {

    /** The level's request number of this worker's request {@code local}. */
    public int globalIndex(int local) {
        return firstIndex + local * indexStride;
    }

    public RunBounds bounds() {
        return new RunBounds(Optional.ofNullable(maxRequests),
                Optional.ofNullable(maxDurationNanos).map(Duration::ofNanos));
    }

    /** The level as the worker runs it: its own load and bounds, the level's phase, name and workload. */
    public LevelSpec spec() {
        return new LevelSpec(phase, name, load.toModel(), bounds(), workload);
    }
}
