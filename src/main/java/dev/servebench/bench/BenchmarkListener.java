package dev.servebench.bench;

import dev.servebench.client.RequestRecord;

import java.time.Duration;
import java.util.List;

/**
 * Observes a benchmark as it runs: progress displays, result writers. {@link #onRequest} is called
 * from many threads at once; the other methods from the benchmark's own thread.
 */
public interface BenchmarkListener {
    default void onStart(TargetInfo target, BenchmarkConfig config, List<LevelSpec> plan, long originNanos) {
    }

    default void onLevelStart(LevelSpec level, int levelNumber, int levelCount) {
    }

    default void onRequest(LevelSpec level, int index, RequestRecord record) {
    }

    default void onLevelEnd(LevelResult result) {
    }

    /** The rest of {@code phase}'s levels are skipped, because one of them was given up (why). */
    default void onPhaseAbandoned(Phase phase, String why) {
    }

    default void onCooldown(Duration pause) {
    }

    default void onFinish(BenchmarkResult result) {
    }
}
