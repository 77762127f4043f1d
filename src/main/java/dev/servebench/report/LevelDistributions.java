package dev.servebench.report;

/**
 * Per-request distributions of one level, read from {@code requests.jsonl} (valid requests only): the
 * latencies, and the prompt and answer lengths the server counted, which show what a dataset or trace
 * actually sent.
 */
public record LevelDistributions(QuantileCurve ttftMillis, QuantileCurve itlMillis, QuantileCurve latencySeconds,
                                 QuantileCurve promptTokens, QuantileCurve completionTokens) {
}
