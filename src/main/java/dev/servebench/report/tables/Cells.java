package dev.servebench.report.tables;

import java.util.Locale;

/** Number formatting for table cells: fixed decimals, a dash for "not measured". */
final class Cells {
    private Cells() {
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    static String percent(double share, int decimals) {
        return Double.isFinite(share) ? num(share * 100, decimals) : "-";
    }
}
