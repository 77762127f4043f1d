package dev.servebench.eval;

import dev.servebench.table.ReportTable;
import dev.servebench.table.TerminalTables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy results as tables: each built once, as a {@link ReportTable}, from the typed results; the terminal prints
 * it through {@link TerminalTables} and the eval's (or the ablation's) report writes the same object as Markdown,
 * CSV and HTML, so the two cannot disagree.
 */
public final class EvalTables {
    private EvalTables() {
    }

    /** Per task: items, right, failed requests, accuracy and its 95 % Wilson interval (the grid only). */
    public static String accuracy(List<TaskAccuracy> tasks) {
        return TerminalTables.grid(accuracyTable(tasks));
    }

    /** Each candidate's accuracy against the reference's, per task, with the test, p and verdict. */
    public static String comparison(List<AccuracyComparison> comparisons, double alpha) {
        StringBuilder sb = new StringBuilder();
        for (ReportTable t : comparisonTables(comparisons, alpha)) {
            sb.append(TerminalTables.render(t)).append('\n');
        }
        return sb.toString();
    }

    public static ReportTable accuracyTable(List<TaskAccuracy> tasks) {
        List<List<String>> rows = new ArrayList<>();
        for (TaskAccuracy a : tasks) {
            rows.add(List.of(a.task(), a.format(), Integer.toString(a.items()), Integer.toString(a.correct()),
                    Integer.toString(a.failedRequests()), percent(a.accuracy()), interval(a)));
        }
        return new ReportTable("accuracy", "Accuracy per task", "Share of items graded right, with its 95 % Wilson "
                + "interval; a failed request counts as a wrong answer.", List.of("task", "format", "items",
                "correct", "failed requests", "accuracy", "95 % CI (Wilson)"), rows);
    }

    /**
     * One table per candidate condition, in their order: id {@code accuracy} when there is one candidate, else
     * {@code accuracy-<condition>}.
     */
    public static List<ReportTable> comparisonTables(List<AccuracyComparison> comparisons, double alpha) {
        List<String> conditions = comparisons.stream().map(AccuracyComparison::condition).distinct().toList();
        List<ReportTable> tables = new ArrayList<>();
        for (String condition : conditions) {
            List<AccuracyComparison> of = comparisons.stream().filter(c -> c.condition().equals(condition)).toList();
            String ref = of.getFirst().reference();
            List<List<String>> rows = new ArrayList<>();
            for (AccuracyComparison c : of) {
                rows.add(List.of(c.task(), Integer.toString(c.candidateAccuracy().items()),
                        percent(c.referenceAccuracy().accuracy()) + " " + interval(c.referenceAccuracy()),
                        percent(c.candidateAccuracy().accuracy()) + " " + interval(c.candidateAccuracy()),
                        String.format(Locale.ROOT, "%+.2f pt", c.differencePoints()), count(c.onlyReferenceRight()),
                        count(c.onlyCandidateRight()), c.test().label(), pValue(c.pValue()), c.verdict().label()));
            }
            tables.add(new ReportTable(conditions.size() == 1 ? "accuracy" : ReportTable.id("accuracy", condition),
                    "Accuracy: " + condition + " vs " + ref + " (α = " + alpha + "; diff = " + condition + " − " + ref
                            + " in percentage points)", "",
                    List.of("task", "items", ref + " accuracy [95 % CI]", condition + " accuracy [95 % CI]", "diff",
                            "only " + ref + " right", "only " + condition + " right", "test", "p", "verdict"), rows));
        }
        return tables;
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
