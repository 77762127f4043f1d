package dev.servebench.report.tables;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.report.MetricSpread;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunSeries;
import dev.servebench.results.SummaryDocument;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;

/** The study's per-level scaling table and its peak summary. */
public final class ScalingTables {
    /** The study's scaling columns (data/mi325x-study.json "scaling.columns"), after model and phase. */
    public static final List<String> SCALING_COLUMNS = List.of("model", "phase", "level", "concurrency",
            "total_tok_s", "output_tok_s", "p99_s", "success_pct", "status");
    /** The study's peak-summary fields, in its order. */
    public static final List<String> PEAK_COLUMNS = List.of("model", "workload", "peak_tok_s", "output_tok_s",
            "peak_concurrency", "saturation_point", "success_pct");

    private ScalingTables() {
    }

    /** One row per measured level; repeated runs show the mean (the reproducibility table has the spread). */
    public static ReportTable scaling(List<RunSeries> series) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSeries s : series) {
            for (SummaryDocument.Level level : s.levels()) {
                rows.add(List.of(s.label(), level.phase(), level.name(),
                        level.concurrency() > 0 ? Integer.toString(level.concurrency()) : level.load(),
                        Cells.num(mean(s, level, LevelMetrics::totalTokensPerSecond), 0),
                        Cells.num(mean(s, level, LevelMetrics::outputTokensPerSecond), 0),
                        Cells.num(mean(s, level, m -> m.latencySeconds().p99()), 2),
                        Cells.percent(mean(s, level, LevelMetrics::successRate), 1),
                        level.status()));
            }
        }
        return new ReportTable("scaling", "Per-level scaling",
                "Throughput over each level's wall time; p99 is end-to-end latency of valid requests. Status is "
                        + "phase-relative: DEGRADED = SCALING p99 > 2 x BASELINE p99, SATURATED = SATURATION "
                        + "throughput < 1.05 x the previous level's, FAILING = success < 95 %.",
                SCALING_COLUMNS, rows);
    }

    public static ReportTable peak(List<RunSeries> series) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSeries s : series) {
            ReportRun run = s.first();
            run.peak().ifPresent(p -> rows.add(List.of(s.label(), run.workloadType(),
                    Cells.num(s.peakTotalTokensPerSecond().mean(), 0),
                    Cells.num(mean(s, p, LevelMetrics::outputTokensPerSecond), 0),
                    p.concurrency() > 0 ? Integer.toString(p.concurrency()) : p.load(),
                    saturationConcurrency(run),
                    Cells.percent(mean(s, p, LevelMetrics::successRate), 1))));
        }
        return new ReportTable("peak", "Peak summary",
                "Peak = the measured level with the highest total tok/s; saturation point = the last SATURATION "
                        + "level before throughput stopped growing by 5 %.",
                PEAK_COLUMNS, rows);
    }

    private static String saturationConcurrency(ReportRun run) {
        return run.saturationPoint().flatMap(name -> run.measuredLevels().stream()
                        .filter(l -> ReportRun.levelKey(l).equals(name)).findFirst())
                .map(l -> Integer.toString(l.concurrency())).orElse("-");
    }

    static double mean(RunSeries s, SummaryDocument.Level level,
                       java.util.function.ToDoubleFunction<LevelMetrics> metric) {
        MetricSpread st = s.statistics(level, metric);
        return st.mean();
    }
}
