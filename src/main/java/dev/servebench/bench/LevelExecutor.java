package dev.servebench.bench;

import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;

/**
 * Runs one level's requests against a target. The HTTP executor sends real requests; a simulator
 * may run the same level in virtual time.
 */
@FunctionalInterface
public interface LevelExecutor {
    LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener);
}
