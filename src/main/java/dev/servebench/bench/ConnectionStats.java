package dev.servebench.bench;

import dev.servebench.stats.Summary;

/**
 * How a level's requests got their connections (all requests, failed ones too).
 *
 * @param newConnections    requests sent on a connection opened for them
 * @param reusedConnections requests sent on a pooled keep-alive connection
 * @param retries           requests re-sent once on a new connection because the server had closed
 *                          the reused one before answering (see the client's connection lifecycle)
 * @param connectMillis     connect (and TLS) time of each new connection
 */
public record ConnectionStats(int newConnections, int reusedConnections, int retries, Summary connectMillis) {
}
