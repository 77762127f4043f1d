package dev.servebench.eval;

import dev.servebench.table.TextTable;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Accuracy results as text tables for the terminal and as a report table. */
public final class EvalTables {
    private EvalTables() {
    }

    /** Per task: items, right, failed requests, accuracy and its 95 % Wilson interval. */
    public static String accuracy(List<TaskAccuracy> tasks) {
        TextTable t = new TextTable(List.of("task", "format", "items", "correct", "failed requests", "accuracy",
                "95 % CI (Wilson)"));
        for (TaskAccuracy a : tasks) {
            t.row(List.of(a.task(), a.format(), Integer.toString(a.items()), Integer.toString(a.correct()),
                    Integer.toString(a.failedRequests()), percent(a.accuracy()), interval(a)));
        }
        return t.render();
    }

    /** Each candidate's accuracy against the reference's, per task, with the test, p and verdict. */
    public static String comparison(List<AccuracyComparison> comparisons, double alpha) {
        StringBuilder sb = new StringBuilder();
        for (String condition : comparisons.stream().map(AccuracyComparison::condition).distinct().toList()) {
            List<AccuracyComparison> of = comparisons.stream().filter(c -> c.condition().equals(condition)).toList();
            String ref = of.getFirst().reference();
            TextTable t = new TextTable(List.of("task", "items", ref + " accuracy [95 % CI]",
                    condition + " accuracy [95 % CI]", "diff", "only " + ref + " right", "only " + condition + " right",
                    "test", "p", "verdict"));
            for (AccuracyComparison c : of) {
                t.row(List.of(c.task(), Integer.toString(c.candidateAccuracy().items()),
                        percent(c.referenceAccuracy().accuracy()) + " " + interval(c.referenceAccuracy()),
                        percent(c.candidateAccuracy().accuracy()) + " " + interval(c.candidateAccuracy()),
                        String.format(Locale.ROOT, "%+.2f pt", c.differencePoints()), count(c.onlyReferenceRight()),
                        count(c.onlyCandidateRight()), c.test().label(), pValue(c.pValue()), c.verdict().label()));
            }
            sb.append("Accuracy: ").append(condition).append(" vs ").append(ref).append(" (α = ").append(alpha)
                    .append("; diff = ").append(condition).append(" − ").append(ref).append(" in percentage points)\n")
                    .append(t.render()).append('\n');
        }
        return sb.toString();
    }

    /** One line per regression, naming the condition, task, figures and p; empty when there is none. */
    public static List<String> regressions(List<AccuracyComparison> comparisons) {
        List<String> lines = new ArrayList<>();
        for (AccuracyComparison c : comparisons) {
            if (c.verdict() == AccuracyVerdict.REGRESSION) {
                lines.add(String.format(Locale.ROOT, "ACCURACY REGRESSION: %s answers %s worse than %s "
                                + "(%s vs %s, %+.2f points, %s p = %s)", c.condition(), c.task(), c.reference(),
                        percent(c.candidateAccuracy().accuracy()), percent(c.referenceAccuracy().accuracy()),
                        c.differencePoints(), c.test().label(), pValue(c.pValue())));
            }
        }
        return lines;
    }

    /** The comparisons for report.html and tables/accuracy.{md,csv}. */
    public static AccuracyRows reportInput(List<AccuracyComparison> comparisons, double alpha) {
        String ref = comparisons.isEmpty() ? "" : comparisons.getFirst().reference();
        return new AccuracyRows(ref, alpha, comparisons.stream().map(c -> new AccuracyRows.Row(c.task(),
                c.condition(), c.candidateAccuracy().items(), c.candidateAccuracy().accuracy() * 100,
                c.candidateAccuracy().ciLow() * 100, c.candidateAccuracy().ciHigh() * 100,
                c.referenceAccuracy().accuracy() * 100, c.differencePoints(), c.onlyReferenceRight(),
                c.onlyCandidateRight(), c.test().label(), c.pValue(), c.verdict().label())).toList());
    }

    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", share * 100) : "—";
    }

    private static String interval(TaskAccuracy a) {
        return String.format(Locale.ROOT, "[%.1f, %.1f]", a.ciLow() * 100, a.ciHigh() * 100);
    }

    private static String count(int n) {
        return n < 0 ? "—" : Integer.toString(n);
    }

    static String pValue(double p) {
        return !Double.isFinite(p) ? "—" : p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.4f", p);
    }
}
