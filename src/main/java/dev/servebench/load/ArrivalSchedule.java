package dev.servebench.load;

import java.util.SplittableRandom;

/**
 * The offsets, from the start of an open-loop run, at which requests arrive. Precomputed from
 * the rate alone, so arrivals are independent of how fast the server answers.
 */
public final class ArrivalSchedule {
    private final LoadModel model;
    private final SplittableRandom random;
    private long nextOffsetNanos;
    private int issued;

    public ArrivalSchedule(LoadModel model) {
        if (model instanceof LoadModel.ClosedLoop) {
            throw new IllegalArgumentException("a closed loop has no arrival schedule");
        }
        this.model = model;
        this.random = model instanceof LoadModel.PoissonRate p ? new SplittableRandom(p.seed()) : null;
    }

    /** False once a replayed trace has no arrival left; the rate models never end. */
    public boolean hasNext() {
        return !(model instanceof LoadModel.Replay r) || issued < r.requests();
    }

    /** Offset of the next arrival in nanoseconds; the first arrival is at 0. */
    public long nextOffsetNanos() {
        if (model instanceof LoadModel.Replay r) {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException("the trace has no arrival left");
            }
            return Math.round(r.offsetsNanos()[issued++] / r.speed());
        }
        long offset = nextOffsetNanos;
        nextOffsetNanos += switch (model) {
            case LoadModel.ConstantRate r -> Math.round(1e9 / r.requestsPerSecond() * (issued + 1))
                    - Math.round(1e9 / r.requestsPerSecond() * issued);
            case LoadModel.PoissonRate p -> Math.round(-Math.log(1.0 - random.nextDouble()) * 1e9 / p.requestsPerSecond());
            case LoadModel.ClosedLoop c -> throw new IllegalStateException();
            case LoadModel.Replay r -> throw new IllegalStateException();
        };
        issued++;
        return offset;
    }
}
