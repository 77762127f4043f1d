package dev.servebench.report;

import dev.servebench.stats.SampleStatistics;

/**
 * Mean and spread of one metric over n repeated runs (SPEC section 3): sample stdev, coefficient
 * of variation, 95 % confidence interval from the t-distribution at n − 1 degrees of freedom, and
 * relative range. With one run the spread fields are NaN: a single run says nothing about noise.
 */
public record MetricSpread(int n, double mean, double stdev, double ci95HalfWidth, double cov,
                              double relativeRange, double[] values) {
    public MetricSpread {
        values = values.clone();
    }

    /** The report's view of {@link SampleStatistics}: computed there, once, with the values kept for charts. */
    public static MetricSpread of(double... values) {
        if (values.length == 0) {
            return new MetricSpread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
        }
        SampleStatistics s = SampleStatistics.of(values);
        boolean zeroMean = s.mean() == 0;
        return new MetricSpread(s.n(), s.mean(), s.stdev(), s.ciHalfWidth(),
                zeroMean ? Double.NaN : s.coefficientOfVariation(), s.n() == 1 || zeroMean ? Double.NaN : s.relativeRange(),
                values);
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
