package dev.servebench.plan;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.bench.Slo;
import dev.servebench.sim.cluster.ClusterShape;

/**
 * One shape predicted at one concurrency.
 *
 * @param metrics the level's figures as a benchmark of the cluster would report them
 */
public record ShapePrediction(ClusterShape shape, int concurrency, LevelMetrics metrics) {
    /** A plan counts a shape only when (nearly) every request succeeded. */
    static final double MIN_SUCCESS_RATE = 0.99;

    public double tokensPerSecondPerGpu() {
        return metrics.totalTokensPerSecond() / shape.gpus();
    }

    /** What one user sees: output tokens per second of their own stream (1000 / mean TPOT). */
    public double tokensPerSecondPerUser() {
        double tpot = metrics.tpotMillis().mean();
        return tpot > 0 ? 1000 / tpot : Double.NaN;
    }

    /** Output tokens/s per GPU of the requests that met the SLO (all of them without an SLO). */
    public double goodputPerGpu() {
        return metrics.goodput() == null ? metrics.outputTokensPerSecond() / shape.gpus()
                : metrics.goodput().outputTokensPerSecond() / shape.gpus();
    }

    public ParetoPoint paretoPoint(Slo slo) {
        return ParetoPoint.of(shape.label(), "c=" + concurrency, concurrency, tokensPerSecondPerGpu(), metrics, slo,
                MIN_SUCCESS_RATE);
    }
}
