package dev.servebench.bench;

/**
 * A level's status and the comparison that produced it, e.g. "p99 6.15 s > 2 × BASELINE p99 2.73 s".
 */
public record StatusVerdict(LevelStatus status, String reason) {
}
