package dev.servebench.selfcheck;

/**
 * The client's throughput against an instant server at one concurrency: what the client itself
 * can drive, so any benchmark needing less was limited by the server, not the client.
 *
 * @param latencyP50Millis client-added latency (the server answers at once), median
 * @param latencyP99Millis client-added latency, 99th percentile
 */
public record CeilingLevel(int concurrency, int requests, int failures, double wallSeconds, double requestsPerSecond,
                           double streamedTokensPerSecond, double latencyP50Millis, double latencyP99Millis) {
}
