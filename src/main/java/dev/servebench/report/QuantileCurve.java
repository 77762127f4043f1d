package dev.servebench.report;

import java.util.Arrays;
import java.util.List;

/**
 * A distribution reduced to its values at fixed percentiles, so a report can draw a CDF of
 * millions of samples from a few hundred numbers (a report must stay small enough to share).
 *
 * @param values one value per entry of {@link #PERCENTILES}, in the unit of the field holding it
 */
public record QuantileCurve(int count, List<Double> values) {
    /** 0, 1, …, 99, then 99.5 and 99.9 so the tail the p99 lives in is visible. */
    public static final List<Double> PERCENTILES = percentiles();

    public QuantileCurve {
        values = List.copyOf(values);
    }

    public static QuantileCurve empty() {
        return new QuantileCurve(0, List.of());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Sorts {@code samples} in place and reads the curve off it (linear interpolation, HF type 7). */
    public static QuantileCurve ofInPlace(double[] samples, int length) {
        if (length == 0) {
            return empty();
        }
        Arrays.sort(samples, 0, length);
        Double[] out = new Double[PERCENTILES.size()];
        for (int i = 0; i < out.length; i++) {
            double h = (length - 1) * PERCENTILES.get(i) / 100.0;
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, length - 1);
            out[i] = threeSignificantDigits(samples[lo] + (h - lo) * (samples[hi] - samples[lo]));
        }
        return new QuantileCurve(length, List.of(out));
    }

    /** Three significant digits are finer than any run-to-run noise and keep the report small. */
    static double threeSignificantDigits(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    private static List<Double> percentiles() {
        Double[] p = new Double[102];
        for (int i = 0; i < 100; i++) {
            p[i] = (double) i;
        }
        p[100] = 99.5;
        p[101] = 99.9;
        // 100 itself (the max) is deliberately left out: one outlier would stretch every axis.
        return List.of(p);
    }
}
