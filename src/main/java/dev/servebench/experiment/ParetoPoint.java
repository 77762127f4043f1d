package dev.servebench.experiment;

/**
 * One configuration at one load level.
 *
 * @param tokensPerSecondPerGpu total (prompt + completion) tokens/s divided by the configuration's GPUs
 * @param meetsSlo              every p99 the SLO bounds is within its bound (true when no SLO is set)
 */
public record ParetoPoint(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                          double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds, boolean meetsSlo) {
}
