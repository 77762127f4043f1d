package dev.servebench.plan;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.bench.Slo;
import dev.servebench.sim.cluster.ClusterShape;

/**
 * One shape predicted at one concurrency.
 *
 * @param metrics         the steady-state figures of one copy of the shape's unit at its share of the clients
 *                        ({@link ShapeUnit}): latencies as the shape's, throughputs one copy's
 * @param throughputScale the shape's throughput over the copy's (clients over the copy's share)
 * @param kvTransferMillis mean time a request waited for its KV hand-over between the pools, queue and wire (NaN for
 *                        replicas)
 * @param entryBusy       share of the level the replicas, or the prefill pool, spent computing steps (utilisation)
 * @param decodeBusy      the same for the decode pool (NaN for replicas)
 * @param entryQueue      mean requests waiting in the queues of one copy's replicas, or its prefill pool
 * @param decodeQueue     the same for its decode pool (NaN for replicas)
 */
public record ShapePrediction(ClusterShape shape, int concurrency, LevelMetrics metrics, double throughputScale,
                              double kvTransferMillis, double entryBusy, double decodeBusy, double entryQueue,
                              double decodeQueue) {

    public ShapePrediction(ClusterShape shape, int concurrency, LevelMetrics metrics, double throughputScale) {
        this(shape, concurrency, metrics, throughputScale, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A prediction of the whole shape (its metrics are the cluster's). */
    public ShapePrediction(ClusterShape shape, int concurrency, LevelMetrics metrics) {
        this(shape, concurrency, metrics, 1.0);
    }
    /** A plan counts a shape only when (nearly) every request succeeded. */
    static final double MIN_SUCCESS_RATE = 0.99;

    /** Prompt + output tokens per second of the whole shape, per GPU. */
    public double tokensPerSecondPerGpu() {
        return metrics.totalTokensPerSecond() * throughputScale / shape.gpus();
    }

    /** What one user sees: output tokens per second of their own stream (1000 / mean TPOT). */
    public double tokensPerSecondPerUser() {
        double tpot = metrics.tpotMillis().mean();
        return tpot > 0 ? 1000 / tpot : Double.NaN;
    }

    /** Output tokens/s per GPU of the requests that met the SLO (all of them without an SLO). */
    public double goodputPerGpu() {
        return (metrics.goodput() == null ? metrics.outputTokensPerSecond()
                : metrics.goodput().outputTokensPerSecond()) * throughputScale / shape.gpus();
    }

    public ParetoPoint paretoPoint(Slo slo) {
        return ParetoPoint.of(shape.label(), "c=" + concurrency, concurrency, tokensPerSecondPerGpu(), metrics, slo,
                MIN_SUCCESS_RATE);
    }
}
