package dev.servebench.report.tables;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.StatusVerdict;
import dev.servebench.report.ReportRun;
import dev.servebench.results.SummaryDocument;
import dev.servebench.stats.Summary;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-level table bench and predict print under each phase, and the report's "levels" table: both built by
 * {@link #row(String, LevelMetrics, String)}, the terminal's from the levels in memory, the report's from the same
 * levels read back from summary.json, so the two cannot show different figures.
 */
public final class LevelTable {
    /** The terminal's headers, kept in the report too: the point of the table is that both read the same. */
    public static final List<String> COLUMNS = List.of("level", "reqs", "valid", "total tok/s", "out tok/s",
            "req/s", "p50 s", "p95 s", "p99 s", "TTFT p50/p99 ms", "ITL p50/p99 ms", "TPOT p50 ms", "status");
    /** What tells the report's rows apart: a report may hold several runs, each with every phase. */
    public static final List<String> REPORT_KEY_COLUMNS = List.of("run", "phase");
    public static final String REPORT_ID = "levels";

    private LevelTable() {
    }

    /** One phase's levels as the terminal shows them, headed by {@code heading}. */
    public static ReportTable phase(String id, String heading, List<LevelResult> levels) {
        return new ReportTable(id, heading, "", COLUMNS, levels.stream().map(LevelTable::row).toList());
    }

    /** Every level of every run, WARMUP too (the terminal shows it), in run order. */
    public static ReportTable report(List<ReportRun> runs) {
        List<String> columns = new ArrayList<>(REPORT_KEY_COLUMNS);
        columns.addAll(COLUMNS);
        List<List<String>> rows = new ArrayList<>();
        for (ReportRun run : runs) {
            for (SummaryDocument.Level level : run.levels()) {
                List<String> cells = new ArrayList<>(List.of(run.id(), level.phase()));
                cells.addAll(row(level));
                rows.add(cells);
            }
        }
        return new ReportTable(REPORT_ID, "Levels as the terminal showed them",
                "Each run's levels with the figures and formats bench and predict print: valid = share of requests "
                        + "that succeeded; throughput over the level's wall time; latency percentiles over valid "
                        + "requests; TTFT and ITL as p50/p99. Single runs, not means over repetitions.",
                columns, rows);
    }

    public static List<String> row(LevelResult level) {
        return row(level.spec().name(), level.metrics(), level.verdict().label());
    }

    public static List<String> row(SummaryDocument.Level level) {
        return row(level.name(), level.metrics(), StatusVerdict.label(level.status(), level.statusReason()));
    }

    /** The one place a level's figures become the table's text. */
    public static List<String> row(String name, LevelMetrics m, String status) {
        Summary latency = m.latencySeconds();
        List<String> cells = new ArrayList<>();
        cells.add(name);
        cells.add(Integer.toString(m.requests()));
        cells.add(fmt("%.1f%%", m.successRate() * 100));
        cells.add(fmt("%.0f", m.totalTokensPerSecond()));
        cells.add(fmt("%.0f", m.outputTokensPerSecond()));
        cells.add(fmt("%.2f", m.requestsPerSecond()));
        cells.add(seconds(latency.p50()));
        cells.add(seconds(latency.p95()));
        cells.add(seconds(latency.p99()));
        cells.add(p50AndP99(m.ttftMillis()));
        cells.add(p50AndP99(m.itlMillis()));
        cells.add(m.tpotMillis().isEmpty() ? "-" : fmt("%.1f", m.tpotMillis().p50()));
        cells.add(status);
        return cells;
    }

    /** "p50/p99" with one decimal, or a dash when nothing was measured. */
    public static String p50AndP99(Summary s) {
        return s.isEmpty() ? "-" : fmt("%.1f/%.1f", s.p50(), s.p99());
    }

    private static String seconds(double v) {
        return Double.isNaN(v) ? "-" : fmt("%.3f", v);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
