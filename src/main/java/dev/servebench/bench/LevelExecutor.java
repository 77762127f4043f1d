package dev.servebench.bench;

import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;

import java.util.function.BooleanSupplier;

/**
 * Runs one level's requests against a target. The HTTP executor sends real requests; a simulator
 * may run the same level in virtual time.
 */
@FunctionalInterface
public interface LevelExecutor {
    LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener);

    /**
     * The same, issuing no more requests once {@code stop} says so (the level was given up). An
     * executor that cannot stop early (virtual time, where a level costs no waiting) runs it whole.
     */
    default LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener,
                               BooleanSupplier stop) {
        return execute(level, requests, listener);
    }

    /**
     * The clock the records' nanosecond stamps come from, now: {@link System#nanoTime()} for real requests, the
     * simulator's virtual clock in virtual time. A run's origin is read from it, so times in requests.jsonl
     * count from the run's start either way.
     */
    default long clockNanos() {
        return System.nanoTime();
    }
}
