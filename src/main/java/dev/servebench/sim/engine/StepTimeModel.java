package dev.servebench.sim.engine;

/** How long one engine step takes on the simulated hardware. Pure: same shape, same answer. */
@FunctionalInterface
public interface StepTimeModel {
    long stepNanos(StepShape step);

    /** A fixed cost per step plus a cost per token processed: handy for engine tests. */
    static StepTimeModel linear(long fixedNanos, long perTokenNanos) {
        return step -> fixedNanos + perTokenNanos * step.totalNewTokens();
    }
}
