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
}
