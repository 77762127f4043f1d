package dev.servebench.stats;

import org.apache.commons.statistics.descriptive.Quantile;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;

/**
 * Distribution of one metric. The unit is the caller's and belongs in the field name that holds
 * the summary ({@code latencySeconds}, {@code ttftMillis}). Percentiles use linear interpolation
 * between order statistics (Hyndman–Fan type 7, the default of numpy and of vLLM's bench).
 */
public record Summary(int count, double mean, double min, double p50, double p90, double p95, double p99, double max) {
    private static final Quantile QUANTILE = Quantile.withDefaults()
            .with(Quantile.EstimationMethod.HF7).withCopy(false);
    private static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    public static Summary empty() {
        return EMPTY;
    }

    /** Summarizes {@code values}; the array is reordered in place. */
    public static Summary ofInPlace(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        DoubleSummaryStatistics basics = Arrays.stream(values).summaryStatistics();
        double sum = basics.getSum();
        double min = basics.getMin();
        double max = basics.getMax();
        double[] q = QUANTILE.evaluate(values, 0.50, 0.90, 0.95, 0.99);
        return new Summary(values.length, sum / values.length, min, q[0], q[1], q[2], q[3], max);
    }

    public static Summary of(double[] values) {
        return ofInPlace(values.clone());
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return count == 0;
    }
}
