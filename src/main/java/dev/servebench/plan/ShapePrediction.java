package dev.servebench.plan;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.experiment.ParetoAnalysis;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.bench.Slo;
import dev.servebench.sim.cluster.ClusterShape;

/**
 * One shape predicted at one concurrency.
 *
 * @param metrics the level's figures as a benchmark of the cluster would report them
 */
public record ShapePrediction(ClusterShape shape, int concurrency, LevelMetrics metrics) {

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
        double ttft = metrics.ttftMillis().p99();
        double tpot = metrics.tpotMillis().p99();
        double e2e = metrics.latencySeconds().p99();
        return new ParetoPoint(shape.label(), "c=" + concurrency, concurrency, tokensPerSecondPerGpu(), ttft, tpot, e2e,
                metrics.successRate() >= 0.99 && ParetoAnalysis.meets(slo, ttft, tpot, e2e), metrics.tpotMillis().mean());
    }
}
