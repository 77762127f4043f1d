package dev.servebench.bench;

import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;

/**
 * One level of one phase: what load, how many requests, which workload.
 *
 * @param name a label unique within the phase, e.g. "c=50" or "long-context-8k c=25"
 */
public record LevelSpec(Phase phase, String name, LoadModel load, RunBounds bounds, Workload workload) {
    /** The closed-loop concurrency, or 0 for open-loop levels. */
    public int concurrency() {
        return load instanceof LoadModel.ClosedLoop c ? c.concurrency() : 0;
    }
}
