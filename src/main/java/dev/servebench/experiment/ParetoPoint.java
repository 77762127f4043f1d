package dev.servebench.experiment;

/**
 * One configuration at one load level.
 *
 * @param tokensPerSecondPerGpu total (prompt + completion) tokens/s divided by the configuration's GPUs
 * @param meetsSlo              every p99 the SLO bounds is within its bound (true when no SLO is set)
 * @param tpotMeanMillis        mean time per output token: 1000 / it is the tokens/s one user sees (NaN if unknown)
 */
public record ParetoPoint(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                          double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds, boolean meetsSlo,
                          double tpotMeanMillis) {

    public ParetoPoint(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                       double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds, boolean meetsSlo) {
        this(configuration, level, concurrency, tokensPerSecondPerGpu, ttftP99Millis, tpotP99Millis, e2eP99Seconds,
                meetsSlo, Double.NaN);
    }
}
