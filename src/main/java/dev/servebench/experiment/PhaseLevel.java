package dev.servebench.experiment;

/**
 * One workload at one concurrency, its token rates split by phase of inference.
 *
 * @param prefillTokensPerSecond prompt tokens of valid requests / level wall time
 * @param decodeTokensPerSecond  completion tokens of valid requests / level wall time
 */
public record PhaseLevel(String workload, int inputTokens, int outputTokens, String level, int concurrency,
                         double prefillTokensPerSecond, double decodeTokensPerSecond, double ttftP99Millis,
                         double tpotP99Millis, double successRate) {
}
