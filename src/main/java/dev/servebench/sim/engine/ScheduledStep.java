package dev.servebench.sim.engine;

import java.util.List;

/** One step the scheduler decided on: which sequences compute how many tokens. Opaque outside the engine. */
public final class ScheduledStep {
    final List<Sequence> sequences;
    final int[] newTokens;
    private final StepShape shape;
    final int preemptions;

    ScheduledStep(List<Sequence> sequences, int[] newTokens, StepShape shape, int preemptions) {
        this.sequences = sequences;
        this.newTokens = newTokens;
        this.shape = shape;
        this.preemptions = preemptions;
    }

    public StepShape shape() {
        return shape;
    }

    public boolean isEmpty() {
        return sequences.isEmpty();
    }

    /** Sequences preempted (KV dropped, to be recomputed) while building this step. */
    public int preemptions() {
        return preemptions;
    }
}
