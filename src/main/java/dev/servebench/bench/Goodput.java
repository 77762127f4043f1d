package dev.servebench.bench;

/**
 * Requests meeting the SLOs, as a share of all requests and as throughput over the level's wall time.
 */
public record Goodput(String slo, int requestsMeetingSlo, double share, double totalTokensPerSecond,
                      double outputTokensPerSecond) {
}
