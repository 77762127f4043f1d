package dev.servebench.bench;

/**
 * Throughput inside the steady-state window: from the first completion (ramp-up over: every
 * worker has a request in flight and completions flow) to the last issue (after it, concurrency
 * only falls: drain). Counts valid requests that completed inside the window.
 */
public record SteadyState(double windowSeconds, int completedRequests, double totalTokensPerSecond,
                          double outputTokensPerSecond, double requestsPerSecond) {
}
