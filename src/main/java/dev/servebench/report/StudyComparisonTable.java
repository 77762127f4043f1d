package dev.servebench.report;

import dev.servebench.sim.study.StudyComparison;
import dev.servebench.table.ReportTable;
import dev.servebench.table.TerminalTables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code predict --study}: each reproduced row with the study's figure, the prediction and the error. Only the
 * terminal shows it (predict's report is its run's); it is a {@link ReportTable} so it renders like every other.
 */
public final class StudyComparisonTable {
    private StudyComparisonTable() {
    }

    public static ReportTable table(List<StudyComparison> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (StudyComparison c : rows) {
            List<String> row = new ArrayList<>();
            row.add(c.row().kind().label());
            row.add(Integer.toString(c.row().concurrency()));
            row.add(Integer.toString(c.shape().promptTokens()));
            row.add(Integer.toString(c.shape().outputTokens()));
            row.add(String.format(Locale.ROOT, "%,.0f", c.row().totalTokensPerSecond()));
            row.add(String.format(Locale.ROOT, "%,.0f", c.predicted().totalTokensPerSecond()));
            row.add(percent(c.throughputError()));
            row.add(c.row().p99Seconds().isPresent()
                    ? String.format(Locale.ROOT, "%.2f", c.row().p99Seconds().getAsDouble()) : "-");
            row.add(String.format(Locale.ROOT, "%.2f", c.predictedP99Seconds()));
            row.add(c.p99Error().isPresent() ? percent(c.p99Error().getAsDouble()) : "-");
            cells.add(row);
        }
        return new ReportTable("study-comparison", "", "", List.of("study row", "clients", "in", "out",
                "study tok/s", "predicted", "error", "study p99 s", "predicted p99 s", "p99 error"), cells);
    }

    /** The grid only: predict words the heading (which study, which hardware). */
    public static String render(List<StudyComparison> rows) {
        return TerminalTables.grid(table(rows));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * share);
    }
}
