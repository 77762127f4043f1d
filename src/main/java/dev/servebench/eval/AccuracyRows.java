package dev.servebench.eval;

import java.util.List;

/**
 * An ablation's accuracy check to report: per task and condition, its accuracy and how it compares with the
 * reference condition (figures already computed by the experiment; the report only shows them).
 *
 * @param reference the condition the others are compared with
 * @param alpha     the significance level of the verdicts
 */
public record AccuracyRows(String reference, double alpha, List<Row> rows) {
    public AccuracyRows {
        rows = List.copyOf(rows);
    }

    /**
     * @param accuracyPct     the condition's accuracy with its 95 % Wilson interval, in percent
     * @param diffPoints      condition − reference, percentage points
     * @param onlyRefRight    paired items only the reference got right (-1: unpaired)
     * @param onlyCondRight   paired items only this condition got right (-1: unpaired)
     */
    public record Row(String task, String condition, int items, double accuracyPct, double ciLowPct,
                      double ciHighPct, double referenceAccuracyPct, double diffPoints, int onlyRefRight,
                      int onlyCondRight, String test, double pValue, String verdict) {
    }
}
