package dev.servebench.sim.study;

import java.util.OptionalDouble;

/**
 * One published throughput figure: a scaling row or the model's peak.
 *
 * @param totalTokensPerSecond  (prompt + completion tokens) / wall seconds, as the study defines throughput
 * @param outputTokensPerSecond completion tokens / wall seconds
 * @param p99Seconds            the row's p99 request latency (scaling rows only)
 */
public record StudyRow(Kind kind, int concurrency, double totalTokensPerSecond, double outputTokensPerSecond,
                       OptionalDouble p99Seconds) {

    /** Scaling rows are the study's rising concurrency; the peak its best level of the saturation sweep. */
    public enum Kind {
        SCALING, PEAK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Completion tokens over all tokens: r = O / (P + O) for a request of P prompt and O output tokens. */
    public double outputShare() {
        return outputTokensPerSecond / totalTokensPerSecond;
    }

    public String key(String studyName) {
        return studyName + " " + kind.label() + " " + concurrency;
    }
}
