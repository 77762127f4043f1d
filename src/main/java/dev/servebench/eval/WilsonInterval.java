package dev.servebench.eval;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Wilson's score interval for a proportion: unlike the normal approximation it stays inside [0, 1] and keeps
 * its coverage near 0 % and 100 % and for small n, where accuracy checks live.
 *
 * @param low        lower bound, a fraction
 * @param high       upper bound, a fraction
 * @param confidence e.g. 0.95
 */
public record WilsonInterval(double low, double high, double confidence) {
    public static final double CONFIDENCE = 0.95;

    public static WilsonInterval of(int successes, int n) {
        return of(successes, n, CONFIDENCE);
    }

    public static WilsonInterval of(int successes, int n, double confidence) {
        if (n <= 0) {
            return new WilsonInterval(0, 1, confidence);
        }
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidence) / 2);
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At 0 or n successes the bound is exactly 0 or 1; rounding must not leave 3e-17 there.
        return new WilsonInterval(successes == 0 ? 0 : Math.max(0, centre - half),
                successes == n ? 1 : Math.min(1, centre + half), confidence);
    }
}
