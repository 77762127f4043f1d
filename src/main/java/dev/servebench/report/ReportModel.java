package dev.servebench.report;

import dev.servebench.eval.AccuracyRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one report shows. Runs are required; each optional section appears in the report
 * only when present, so experiments, sweeps and the advisor add to a report without changing it.
 *
 * @param baselineSeries label of the series the architecture comparison divides by (default: the first)
 */
public record ReportModel(String title, Instant generated, List<ReportRun> runs, Optional<String> baselineSeries,
                          Optional<AblationInput> ablation, Optional<ParetoInput> pareto,
                          Optional<AdvisorPlan> advisorPlan, Optional<AccuracyRows> accuracy) {
    public ReportModel {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
    }

    public static ReportModel of(List<ReportRun> runs) {
        return new ReportModel(defaultTitle(runs), Instant.now(), runs, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public List<RunSeries> series() {
        return RunSeries.group(runs);
    }

    public ReportModel withTitle(String v) {
        return new ReportModel(v, generated, runs, baselineSeries, ablation, pareto, advisorPlan, accuracy);
    }

    public ReportModel withBaseline(String seriesLabel) {
        return new ReportModel(title, generated, runs, Optional.of(seriesLabel), ablation, pareto, advisorPlan,
                accuracy);
    }

    public ReportModel withAblation(AblationInput v) {
        return new ReportModel(title, generated, runs, baselineSeries, Optional.of(v), pareto, advisorPlan, accuracy);
    }

    public ReportModel withPareto(ParetoInput v) {
        return new ReportModel(title, generated, runs, baselineSeries, ablation, Optional.of(v), advisorPlan, accuracy);
    }

    public ReportModel withAdvisorPlan(AdvisorPlan v) {
        return new ReportModel(title, generated, runs, baselineSeries, ablation, pareto, Optional.of(v), accuracy);
    }

    /** An ablation's accuracy check, shown as a table beside its speed tables. */
    public ReportModel withAccuracy(AccuracyRows v) {
        return new ReportModel(title, generated, runs, baselineSeries, ablation, pareto, advisorPlan, Optional.of(v));
    }

    private static String defaultTitle(List<ReportRun> runs) {
        List<String> models = runs.stream().map(r -> r.target().model()).distinct().toList();
        return "servebench report — " + (models.size() <= 3 ? String.join(", ", models) : models.size() + " models");
    }
}
