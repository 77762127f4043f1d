package dev.servebench.experiment;

import java.util.Locale;

/** Number formats of experiment tables: enough digits to compare, "—" for not measured. */
public final class Numbers {
    private Numbers() {
    }

    public static String value(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        double a = Math.abs(v);
        String format = a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.4f";
        return String.format(Locale.ROOT, format, v);
    }

    /** A share as a percentage: 0.0143 -> "1.43 %". */
    public static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.2f %%", share * 100) : "—";
    }

    /** An already-percent figure with its sign: "+4.10 %". */
    public static String signedPercent(double percent) {
        return Double.isFinite(percent) ? String.format(Locale.ROOT, "%+.2f %%", percent) : "—";
    }

    public static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "—";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    public static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f", r) : "—";
    }
}
