package dev.servebench.experiment;

/**
 * Mean throughput falling from one level to the next by more than the plateau tolerance.
 *
 * @param dropPercent (before − after) / before × 100
 * @param cliff       the drop reached the cliff threshold
 */
public record ThroughputDrop(int fromConcurrency, int toConcurrency, double dropPercent, boolean cliff) {
}
