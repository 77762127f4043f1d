package dev.servebench.selfcheck;

/**
 * Client-added latency when requests arrive open-loop at a fixed rate below the ceiling: the
 * overhead a measurement carries at a realistic load, free of the queueing a saturated closed loop
 * adds.
 */
public record LatencyAtRate(double offeredRequestsPerSecond, int requests, int failures,
                            double achievedRequestsPerSecond, double latencyP50Millis, double latencyP99Millis) {
}
