package dev.servebench.export;

import java.util.Arrays;

/**
 * The statistics vLLM's {@code calculate_metrics} takes with numpy, computed the same way: over an
 * empty list they are 0 (it evaluates {@code np.mean(values or 0)}), {@code std} is the population
 * standard deviation ({@code ddof=0}), and percentiles interpolate linearly between order statistics
 * ({@code np.percentile}'s default, Hyndman–Fan type 7).
 */
final class NumpyStats {
    private final double[] sorted;

    NumpyStats(double[] values) {
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    double mean() {
        if (sorted.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }

    double std() {
        if (sorted.length == 0) {
            return 0;
        }
        double mean = mean();
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / sorted.length);
    }

    double median() {
        return percentile(50);
    }

    /** {@code p} in percent, 0 to 100. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        double h = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
