package dev.servebench.report;

import dev.servebench.table.TextTable;
import dev.servebench.sim.study.StudyComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code predict --study}: each reproduced row with the study's figure, the prediction and the error. */
public final class StudyComparisonTable {
    private StudyComparisonTable() {
    }

    public static String render(List<StudyComparison> rows) {
        TextTable table = new TextTable(List.of("study row", "clients", "in", "out", "study tok/s", "predicted",
                "error", "study p99 s", "predicted p99 s", "p99 error"));
        for (StudyComparison c : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(c.row().kind().label());
            cells.add(Integer.toString(c.row().concurrency()));
            cells.add(Integer.toString(c.shape().promptTokens()));
            cells.add(Integer.toString(c.shape().outputTokens()));
            cells.add(String.format(Locale.ROOT, "%,.0f", c.row().totalTokensPerSecond()));
            cells.add(String.format(Locale.ROOT, "%,.0f", c.predicted().totalTokensPerSecond()));
            cells.add(percent(c.throughputError()));
            cells.add(c.row().p99Seconds().isPresent()
                    ? String.format(Locale.ROOT, "%.2f", c.row().p99Seconds().getAsDouble()) : "-");
            cells.add(String.format(Locale.ROOT, "%.2f", c.predictedP99Seconds()));
            cells.add(c.p99Error().isPresent() ? percent(c.p99Error().getAsDouble()) : "-");
            table.row(cells);
        }
        return table.render();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * share);
    }
}
