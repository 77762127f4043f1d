package dev.servebench.sim.cluster;

/**
 * One GPU's share of a link that carries KV caches between instances, in one direction.
 *
 * @param bytesPerSecond per GPU, per direction
 * @param latencyNanos   a transfer's fixed cost (connection set-up, first byte)
 */
public record Link(double bytesPerSecond, long latencyNanos) {
    public Link {
        if (!(bytesPerSecond > 0) || latencyNanos < 0) {
            throw new IllegalArgumentException("a link needs positive bandwidth and a latency >= 0");
        }
    }
}
