package dev.servebench.dataset;

import java.util.Arrays;
import java.util.Locale;

/** Token lengths of a dataset or trace: count, min, nearest-rank p50/p90/p99, max and mean. */
public record LengthSummary(int count, int min, int p50, int p90, int p99, int max, double mean) {

    /** Nearest-rank percentiles (the value at rank ceil(p/100 * n) of the sorted values); no values: all zeros. */
    public static LengthSummary of(int[] values) {
        int n = values.length;
        if (n == 0) {
            return new LengthSummary(0, 0, 0, 0, 0, 0, 0.0);
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (int v : sorted) {
            sum += v;
        }
        return new LengthSummary(n, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[n - 1], (double) sum / n);
    }

    private static int rank(int[] sorted, int percent) {
        long n = sorted.length;
        int rank = (int) ((percent * n + 99) / 100); // ceil(percent / 100 * n), at least 1 for n >= 1
        return sorted[Math.max(1, rank) - 1];
    }

    /** "min 4 p50 120 p90 610 p99 1003 max 1024 mean 231.4" (or "none" when empty). */
    public String describe() {
        if (count == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "min %d p50 %d p90 %d p99 %d max %d mean %.1f", min, p50, p90, p99, max,
                mean);
    }
}
