package dev.servebench.report.tables;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.metrics.ServerMetricsSummary;
import dev.servebench.report.ReportRun;
import dev.servebench.results.SummaryDocument;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server's own view per level (its metrics endpoint read during the run) beside the client's TTFT: printed by
 * bench under the level tables and written as the report's "server-view" table, both from
 * {@link #row(String, ServerMetricsSummary, LevelMetrics)}. Only levels whose server metrics were read have a row.
 */
public final class ServerViewTable {
    public static final List<String> COLUMNS = List.of("level", "running mean/max", "waiting mean/max",
            "KV % mean/max", "preempted", "prefix hit %", "server TTFT p50/p99 ms", "client TTFT p50/p99 ms",
            "scrapes (failed)");
    public static final String ID = "server-view";
    private static final String ABOUT = "gauges over the readings during each level; the server's TTFT runs from a "
            + "request's arrival, its percentiles estimated from the histogram's buckets as histogram_quantile does, "
            + "so as coarse as they are";

    private ServerViewTable() {
    }

    /** The terminal's table, titled by where the metrics came from; no rows when none were read. */
    public static ReportTable terminal(List<LevelResult> levels) {
        List<List<String>> rows = new ArrayList<>();
        String title = "";
        for (LevelResult level : levels) {
            if (level.serverMetrics().isEmpty()) {
                continue;
            }
            ServerMetricsSummary m = level.serverMetrics().get();
            if (rows.isEmpty()) {
                title = "SERVER VIEW (from " + from(m) + "; " + ABOUT + ")";
            }
            rows.add(row(level.spec().phase() + " " + level.spec().name(), m, level.metrics()));
        }
        return new ReportTable(ID, title, "", COLUMNS, rows);
    }

    /** Every run's levels that have the server's view, keyed by run; no rows when no run read them. */
    public static ReportTable report(List<ReportRun> runs) {
        List<String> columns = new ArrayList<>(List.of("run"));
        columns.addAll(COLUMNS);
        List<List<String>> rows = new ArrayList<>();
        for (ReportRun run : runs) {
            for (SummaryDocument.Level level : run.levels()) {
                if (level.serverMetrics() != null) {
                    List<String> cells = new ArrayList<>(List.of(run.id()));
                    cells.addAll(row(ReportRun.levelKey(level), level.serverMetrics(), level.metrics()));
                    rows.add(cells);
                }
            }
        }
        return new ReportTable(ID, "Server view", "The server's metrics read during each level, as bench printed "
                + "them: " + ABOUT + ".", columns, rows);
    }

    /** The one place the server's view of a level becomes the table's text. */
    public static List<String> row(String level, ServerMetricsSummary m, LevelMetrics client) {
        return List.of(level, gauge(m.runningRequests()), gauge(m.waitingRequests()),
                m.kvCacheUsageFraction() == null ? "-" : fmt("%.1f/%.1f", 100 * m.kvCacheUsageFraction().mean(),
                        100 * m.kvCacheUsageFraction().max()),
                m.preemptions() == null ? "-" : fmt("%.0f", m.preemptions()),
                m.prefixCacheHitFraction() == null ? "-" : fmt("%.1f", 100 * m.prefixCacheHitFraction()),
                m.ttftMillis() == null || m.ttftMillis().p50() == null ? "-"
                        : fmt("%.1f/%.1f", m.ttftMillis().p50(), m.ttftMillis().p99()),
                LevelTable.p50AndP99(client.ttftMillis()),
                m.scrapes() + (m.scrapeFailures() == 0 ? "" : " (" + m.scrapeFailures() + ")"));
    }

    private static String from(ServerMetricsSummary m) {
        return m.source() + (m.engine() == null ? "" : ", " + m.engine() + "'s metrics");
    }

    private static String gauge(ServerMetricsSummary.GaugeStats g) {
        return g == null ? "-" : fmt("%.1f/%.1f", g.mean(), g.max());
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
