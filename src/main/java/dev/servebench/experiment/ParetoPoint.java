package dev.servebench.experiment;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.Slo;

/**
 * One configuration at one load level.
 *
 * @param tokensPerSecondPerGpu total (prompt + completion) tokens/s divided by the configuration's GPUs
 * @param meetsSlo              the level's success rate reached the bar and every p99 the SLO bounds is within its
 *                              bound (true when no SLO is set and the success rate is met)
 * @param tpotMeanMillis        mean time per output token: 1000 / it is the tokens/s one user sees (NaN if unknown)
 * @param itlP99Millis          p99 of every inter-token gap of the level (NaN if unknown): the decode stalls that
 *                              TPOT, a per-request mean, averages away
 */
public record ParetoPoint(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                          double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds, boolean meetsSlo,
                          double tpotMeanMillis, double itlP99Millis) {

    public ParetoPoint(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                       double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds, boolean meetsSlo,
                       double tpotMeanMillis) {
        this(configuration, level, concurrency, tokensPerSecondPerGpu, ttftP99Millis, tpotP99Millis, e2eP99Seconds,
                meetsSlo, tpotMeanMillis, Double.NaN);
    }

    /**
     * A measured or predicted level as a point: it meets the SLO when its success rate reaches
     * {@code minSuccessRate} and its p99s are within the SLO's bounds.
     */
    public static ParetoPoint of(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                                 LevelMetrics m, Slo slo, double minSuccessRate) {
        double ttft = m.ttftMillis().p99();
        double tpot = m.tpotMillis().p99();
        double itl = m.itlMillis().p99();
        double e2e = m.latencySeconds().p99();
        return new ParetoPoint(configuration, level, concurrency, tokensPerSecondPerGpu, ttft, tpot, e2e,
                m.successRate() >= minSuccessRate && ParetoAnalysis.meets(slo, ttft, tpot, itl, e2e),
                m.tpotMillis().mean(), itl);
    }

    public ParetoPoint(String configuration, String level, int concurrency, double tokensPerSecondPerGpu,
                       double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds, boolean meetsSlo) {
        this(configuration, level, concurrency, tokensPerSecondPerGpu, ttftP99Millis, tpotP99Millis, e2eP99Seconds,
                meetsSlo, Double.NaN);
    }
}
