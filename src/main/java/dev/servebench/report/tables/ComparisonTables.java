package dev.servebench.report.tables;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.report.RunSeries;
import dev.servebench.results.SummaryDocument;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The architecture comparison (ratios to a baseline) and tokens/s per billion active parameters. */
public final class ComparisonTables {
    public static final List<String> COMPARISON_COLUMNS = List.of("model", "workload", "peak_tok_s",
            "ratio_to_baseline", "output_tok_s", "output_ratio_to_baseline", "p99_s_at_peak", "p99_ratio_to_baseline");
    public static final List<String> NORMALIZED_COLUMNS = List.of("model", "workload", "active_params_b",
            "peak_tok_s", "tok_s_per_active_b");

    private ComparisonTables() {
    }

    public static ReportTable architecture(List<RunSeries> series, RunSeries baseline) {
        Peak base = Peak.of(baseline);
        List<List<String>> rows = new ArrayList<>();
        for (RunSeries s : series) {
            Peak p = Peak.of(s);
            rows.add(List.of(s.label(), s.first().workloadType(), Cells.num(p.total, 0),
                    Cells.num(p.total / base.total, 2), Cells.num(p.output, 0), Cells.num(p.output / base.output, 2),
                    Cells.num(p.p99, 2), Cells.num(p.p99 / base.p99, 2)));
        }
        return new ReportTable("architecture", "Architecture comparison",
                "Each model at its own peak level; ratios divide by " + baseline.label()
                        + ". Compare within one workload type: image tokens make vision totals incomparable with text.",
                COMPARISON_COLUMNS, rows);
    }

    /** Only series whose active parameter count is known (bench --active-params) get a row. */
    public static ReportTable normalized(List<RunSeries> series) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSeries s : series) {
            OptionalDouble active = s.first().activeParamsBillions();
            if (active.isEmpty()) {
                continue;
            }
            double peak = s.peakTotalTokensPerSecond().mean();
            rows.add(List.of(s.label(), s.first().workloadType(), Cells.num(active.getAsDouble(), 1),
                    Cells.num(peak, 0), Cells.num(peak / active.getAsDouble(), 1)));
        }
        return new ReportTable("normalized", "Normalized throughput",
                "Peak total tok/s per billion active parameters; comparable within one workload type only.",
                NORMALIZED_COLUMNS, rows);
    }

    private record Peak(double total, double output, double p99) {
        static Peak of(RunSeries s) {
            SummaryDocument.Level peak = s.first().peak().orElse(null);
            if (peak == null) {
                return new Peak(Double.NaN, Double.NaN, Double.NaN);
            }
            return new Peak(s.peakTotalTokensPerSecond().mean(),
                    ScalingTables.mean(s, peak, LevelMetrics::outputTokensPerSecond),
                    ScalingTables.mean(s, peak, m -> m.latencySeconds().p99()));
        }
    }
}
