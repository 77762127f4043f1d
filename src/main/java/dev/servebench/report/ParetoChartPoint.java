package dev.servebench.report;

/**
 * One candidate deployment measured at one load, for the Pareto chart: throughput per GPU (higher
 * is better) against a latency (lower is better).
 *
 * @param configuration the candidate's name, e.g. "TP8 block 1" or "2P1D"
 * @param load          the load it was measured at, e.g. "c=100"
 */
public record ParetoChartPoint(String configuration, String load, double tokensPerSecondPerGpu, double latencyMillis) {
}
