package dev.servebench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;

/**
 * What repeated measurements of one quantity say about it: mean, sample standard deviation
 * (n − 1 denominator), coefficient of variation, a two-sided confidence interval for the mean from
 * Student's t at n − 1 degrees of freedom, and the relative range. With one value only the mean is
 * known; spread and interval are NaN rather than a misleading zero.
 *
 * @param confidence         the interval's level, e.g. 0.95
 * @param ciHalfWidth        t(1 − (1 − confidence)/2, n − 1) × stdev / √n
 * @param coefficientOfVariation stdev / mean
 * @param relativeRange      (max − min) / mean
 */
public record SampleStatistics(int n, double mean, double stdev, double coefficientOfVariation, double confidence,
                               double ciHalfWidth, double min, double max, double relativeRange) {

    public static final double DEFAULT_CONFIDENCE = 0.95;

    public static SampleStatistics of(double[] values) {
        return of(values, DEFAULT_CONFIDENCE);
    }

    public static SampleStatistics of(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, got " + confidence);
        }
        int n = values.length;
        DoubleSummaryStatistics basics = Arrays.stream(values).summaryStatistics();
        double sum = basics.getSum();
        double min = basics.getMin();
        double max = basics.getMax();
        double mean = sum / n;
        if (n == 1) {
            return new SampleStatistics(1, mean, Double.NaN, Double.NaN, confidence, Double.NaN, min, max,
                    (max - min) / mean);
        }
        // Two-pass variance: the sum-of-squares shortcut loses digits when the spread is small
        // relative to the mean, which is exactly the case for stable throughput figures.
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double stdev = Math.sqrt(squares / (n - 1));
        double t = tQuantile(1 - (1 - confidence) / 2, n - 1);
        return new SampleStatistics(n, mean, stdev, stdev / mean, confidence, t * stdev / Math.sqrt(n), min, max,
                (max - min) / mean);
    }

    /** The p-quantile of Student's t with the given degrees of freedom. */
    public static double tQuantile(double p, double degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseCumulativeProbability(p);
    }

    public double ciLow() {
        return mean - ciHalfWidth;
    }

    public double ciHigh() {
        return mean + ciHalfWidth;
    }

    /** The interval's half-width relative to the mean: the figure {@code --until-ci 2%} bounds. */
    public double relativeCiHalfWidth() {
        return ciHalfWidth / Math.abs(mean);
    }
}
