package dev.servebench.report.tables;

import dev.servebench.eval.AccuracyRows;
import dev.servebench.table.ReportTable;

import java.util.List;
import java.util.Locale;

/** An ablation's accuracy check beside its speed tables. */
public final class AccuracyTable {
    public static final List<String> COLUMNS = List.of("task", "condition", "items", "accuracy_pct", "ci95_low_pct",
            "ci95_high_pct", "ref_accuracy_pct", "diff_points", "only_ref_right", "only_cond_right", "test", "p",
            "verdict");

    private AccuracyTable() {
    }

    public static ReportTable of(AccuracyRows input) {
        List<List<String>> rows = input.rows().stream().map(r -> List.of(r.task(), r.condition(),
                Integer.toString(r.items()), Cells.num(r.accuracyPct(), 2), Cells.num(r.ciLowPct(), 2),
                Cells.num(r.ciHighPct(), 2), Cells.num(r.referenceAccuracyPct(), 2), Cells.num(r.diffPoints(), 2),
                count(r.onlyRefRight()), count(r.onlyCondRight()), r.test(), pValue(r.pValue()), r.verdict())).toList();
        return new ReportTable("accuracy", "Accuracy against " + input.reference(),
                "Accuracy per task and condition with its 95 % Wilson interval; diff = condition - "
                        + input.reference() + " in percentage points; p from McNemar's exact test on the items the "
                        + "two disagree on (paired) or the two-proportion z-test; alpha = " + input.alpha() + ".",
                COLUMNS, rows);
    }

    private static String count(int n) {
        return n < 0 ? "" : Integer.toString(n);
    }

    private static String pValue(double p) {
        return !Double.isFinite(p) ? "" : p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.4f", p);
    }
}
