package dev.servebench.report;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;

/**
 * Mean and spread of one metric over n repeated runs (SPEC section 3): sample stdev, coefficient
 * of variation, 95 % confidence interval from the t-distribution at n − 1 degrees of freedom, and
 * relative range. With one run the spread fields are NaN: a single run says nothing about noise.
 */
public record LevelStatistics(int n, double mean, double stdev, double ci95HalfWidth, double cov,
                              double relativeRange, double[] values) {
    public LevelStatistics {
        values = values.clone();
    }

    public static LevelStatistics of(double... values) {
        int n = values.length;
        if (n == 0) {
            return new LevelStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        if (n == 1) {
            return new LevelStatistics(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double stdev = Math.sqrt(ss / (n - 1));
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.975);
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        return new LevelStatistics(n, mean, stdev, t * stdev / Math.sqrt(n), mean == 0 ? Double.NaN : stdev / mean,
                mean == 0 ? Double.NaN : (max - min) / mean, values);
    }

    public double ciLow() {
        return mean - ci95HalfWidth;
    }

    public double ciHigh() {
        return mean + ci95HalfWidth;
    }

    public boolean repeated() {
        return n > 1;
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
