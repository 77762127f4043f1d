package dev.servebench.distributed;

import dev.servebench.load.LoadModel;

/**
 * A {@link LoadModel} as it travels to a worker: the kind and the fields that kind uses (the others null).
 */
public record WireLoad(String kind, Integer concurrency, Double requestsPerSecond, Long seed, long[] offsetsNanos,
                       Double speed) {

    public static WireLoad of(LoadModel model) {
        return switch (model) {
            case LoadModel.ClosedLoop c -> new WireLoad("closed", c.concurrency(), null, null, null, null);
            case LoadModel.ConstantRate r -> new WireLoad("constant", null, r.requestsPerSecond(), null, null, null);
            case LoadModel.PoissonRate p -> new WireLoad("poisson", null, p.requestsPerSecond(), p.seed(), null, null);
            case LoadModel.Replay r -> new WireLoad("replay", null, null, null, r.offsetsNanos(), r.speed());
        };
    }

    public LoadModel toModel() {
        return switch (kind) {
            case "closed" -> new LoadModel.ClosedLoop(concurrency);
            case "constant" -> new LoadModel.ConstantRate(requestsPerSecond);
            case "poisson" -> new LoadModel.PoissonRate(requestsPerSecond, seed);
            case "replay" -> new LoadModel.Replay(offsetsNanos, speed);
            default -> throw new IllegalStateException("unknown load kind from the coordinator: " + kind);
        };
    }
}
