package dev.servebench.report;

/** Per-request distributions of one level, read from {@code requests.jsonl} (valid requests only). */
public record LevelDistributions(QuantileCurve ttftMillis, QuantileCurve itlMillis, QuantileCurve latencySeconds) {
}
