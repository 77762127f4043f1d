package dev.servebench.report.tables;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.report.AblationInput;
import dev.servebench.report.MetricSpread;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunSeries;
import dev.servebench.results.SummaryDocument;
import dev.servebench.stats.WelchComparison;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;

/** Reproducibility of repeated runs and A/B ablations, per level, on total tok/s. */
public final class RepeatAndAblationTables {
    public static final List<String> REPRODUCIBILITY_COLUMNS = List.of("model", "level", "n", "mean_tok_s",
            "stdev_tok_s", "ci95_low", "ci95_high", "cov_pct", "range_pct");
    public static final List<String> ABLATION_COLUMNS = List.of("level", "a_mean_tok_s", "a_ci95", "b_mean_tok_s",
            "b_ci95", "diff_pct", "a_cov_pct", "b_cov_pct", "cov_ratio", "welch_p");

    private RepeatAndAblationTables() {
    }

    /** Series with at least two runs; empty rows when nothing was repeated. */
    public static ReportTable reproducibility(List<RunSeries> series) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSeries s : series) {
            if (!s.repeated()) {
                continue;
            }
            for (SummaryDocument.Level level : s.levels()) {
                MetricSpread st = s.statistics(level, LevelMetrics::totalTokensPerSecond);
                rows.add(List.of(s.label(), ReportRun.levelKey(level), Integer.toString(st.n()),
                        Cells.num(st.mean(), 0), Cells.num(st.stdev(), 1), Cells.num(st.ciLow(), 0),
                        Cells.num(st.ciHigh(), 0), Cells.percent(st.cov(), 2), Cells.percent(st.relativeRange(), 2)));
            }
        }
        return new ReportTable("reproducibility", "Reproducibility",
                "Total tok/s over n independent runs: sample stdev, 95 % CI (t-distribution, n-1 df), "
                        + "CoV = stdev/mean, range = (max-min)/mean.",
                REPRODUCIBILITY_COLUMNS, rows);
    }

    public static ReportTable ablation(AblationInput input) {
        RunSeries a = new RunSeries("a", input.conditionA(), input.runsA());
        RunSeries b = new RunSeries("b", input.conditionB(), input.runsB());
        List<List<String>> rows = new ArrayList<>();
        for (SummaryDocument.Level level : a.levels()) {
            MetricSpread sa = a.statistics(level, LevelMetrics::totalTokensPerSecond);
            MetricSpread sb = b.statistics(level, LevelMetrics::totalTokensPerSecond);
            if (sb.n() == 0) {
                continue;
            }
            // The one Welch test (stats), with its guards for single and constant samples.
            double p = WelchComparison.of(sa.values(), sb.values()).pValue();
            rows.add(List.of(ReportRun.levelKey(level), Cells.num(sa.mean(), 0), Cells.num(sa.ci95HalfWidth(), 0),
                    Cells.num(sb.mean(), 0), Cells.num(sb.ci95HalfWidth(), 0),
                    Cells.num((sb.mean() - sa.mean()) / sa.mean() * 100, 2), Cells.percent(sa.cov(), 2),
                    Cells.percent(sb.cov(), 2), Cells.num(sb.cov() / sa.cov(), 2), Cells.num(p, 3)));
        }
        return new ReportTable("ablation", "Ablation: " + input.conditionA() + " (a) vs " + input.conditionB() + " (b)",
                "Total tok/s per level, mean ± 95 % CI half-width per condition; diff = (b - a) / a; "
                        + "welch_p = two-sided Welch t-test (p > 0.05: no measurable difference).",
                ABLATION_COLUMNS, rows);
    }
}
