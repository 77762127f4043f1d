package dev.servebench.report;

import dev.servebench.table.ReportTable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one report shows. Runs are required; each optional section appears in the report
 * only when present, so experiments, sweeps and the advisor add to a report without changing it.
 *
 * @param baselineSeries label of the series the architecture comparison divides by (default: the first)
 * @param resultTables   the tables of the typed analysis the report is of (an experiment's), built by the code that
 *                       prints them on the terminal; they stand in place of the reproducibility and ablation tables
 *                       the report would otherwise work out from the run folders
 */
public record ReportModel(String title, Instant generated, List<ReportRun> runs, Optional<String> baselineSeries,
                          Optional<AblationInput> ablation, Optional<ParetoInput> pareto,
                          Optional<AdvisorPlan> advisorPlan, List<ReportTable> resultTables) {
    public ReportModel {
        runs = List.copyOf(runs);
        resultTables = List.copyOf(resultTables);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
    }

    public static ReportModel of(List<ReportRun> runs) {
        return new ReportModel(defaultTitle(runs), Instant.now(), runs, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    public List<RunSeries> series() {
        return RunSeries.group(runs);
    }

    public ReportModel withTitle(String v) {
        return new ReportModel(v, generated, runs, baselineSeries, ablation, pareto, advisorPlan, resultTables);
    }

    public ReportModel withBaseline(String seriesLabel) {
        return new ReportModel(title, generated, runs, Optional.of(seriesLabel), ablation, pareto, advisorPlan,
                resultTables);
    }

    public ReportModel withAblation(AblationInput v) {
        return new ReportModel(title, generated, runs, baselineSeries, Optional.of(v), pareto, advisorPlan, resultTables);
    }

    public ReportModel withPareto(ParetoInput v) {
        return new ReportModel(title, generated, runs, baselineSeries, ablation, Optional.of(v), advisorPlan, resultTables);
    }

    public ReportModel withAdvisorPlan(AdvisorPlan v) {
        return new ReportModel(title, generated, runs, baselineSeries, ablation, pareto, Optional.of(v), resultTables);
    }

    public ReportModel withResultTables(List<ReportTable> v) {
        return new ReportModel(title, generated, runs, baselineSeries, ablation, pareto, advisorPlan, v);
    }

    private static String defaultTitle(List<ReportRun> runs) {
        List<String> models = runs.stream().map(r -> r.target().model()).distinct().toList();
        return "servebench report — " + (models.size() <= 3 ? String.join(", ", models) : models.size() + " models");
    }
}
