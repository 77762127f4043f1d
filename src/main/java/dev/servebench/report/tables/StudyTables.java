package dev.servebench.report.tables;

import dev.servebench.BadInputException;
import dev.servebench.report.ReportModel;
import dev.servebench.report.RunSeries;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;

/** The study's tables for a report, in reading order; tables with no rows are left out. */
public final class StudyTables {
    private StudyTables() {
    }

    public static List<ReportTable> of(ReportModel model) {
        List<RunSeries> series = model.series();
        RunSeries baseline = model.baselineSeries()
                .map(label -> series.stream().filter(s -> s.label().equals(label)).findFirst()
                        .orElseThrow(() -> new BadInputException("baseline '" + label + "' is none of "
                                + series.stream().map(RunSeries::label).toList())))
                .orElse(series.getFirst());
        List<ReportTable> tables = new ArrayList<>();
        tables.add(ScalingTables.scaling(series));
        tables.add(LevelTable.report(model.runs()));
        tables.add(ServerViewTable.report(model.runs()));
        tables.add(ScalingTables.peak(series));
        tables.add(PromptCacheTable.of(series));
        if (series.size() > 1) {
            tables.add(ComparisonTables.architecture(series, baseline));
        }
        tables.add(ComparisonTables.normalized(series));
        if (model.resultTables().isEmpty()) {
            tables.add(RepeatAndAblationTables.reproducibility(series));
            model.ablation().ifPresent(a -> tables.add(RepeatAndAblationTables.ablation(a)));
        } else {
            // The analysis's own tables, the very objects the terminal printed: never worked out again from files.
            tables.addAll(model.resultTables());
        }
        model.advisorPlan().ifPresent(p -> tables.add(MemoryTable.of(p)));
        return tables.stream().filter(t -> !t.rows().isEmpty()).toList();
    }
}
