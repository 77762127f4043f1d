package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.report.AblationInput;
import dev.servebench.report.ParetoInput;
import dev.servebench.report.ReportFiles;
import dev.servebench.report.ReportModel;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunLoader;
import dev.servebench.results.ResultsFolder;
import dev.servebench.table.ReportTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report of an experiment, from the run folders its trials wrote ({@code NN-<group>-<index>}): every run
 * charted, and the experiment's own tables, the ones the terminal prints, from its typed analysis. An experiment
 * stopped before its analysis has none: its report works out repetitions as mean ± CI and, for an ablation, the
 * first two conditions side by side with Welch's test from the folders.
 */
final class ExperimentReport {

    private ExperimentReport() {
    }

    static ReportFiles.Written write(String kind, Path experimentFolder) throws IOException {
        return write(kind, experimentFolder, java.util.Optional.empty());
    }

    /** The same, with a Pareto sweep's points and frontier (experiment pareto) to chart. */
    static ReportFiles.Written write(String kind, Path experimentFolder, java.util.Optional<ParetoInput> pareto)
            throws IOException {
        return write(kind, experimentFolder, pareto, List.of());
    }

    /** The same, with the tables of the experiment's analysis ({@code ExperimentTables.of}), when it has one. */
    static ReportFiles.Written write(String kind, Path experimentFolder, java.util.Optional<ParetoInput> pareto,
                                     List<ReportTable> analysisTables) throws IOException {
        Map<String, List<ReportRun>> byGroup = new LinkedHashMap<>();
        List<ReportRun> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(experimentFolder)) {
            for (Path run : children.sorted().toList()) {
                java.util.Optional<String> group = RunFolders.trialGroup(run);
                if (group.isEmpty() || !Files.isRegularFile(run.resolve(ResultsFolder.SUMMARY_FILE))) {
                    continue;
                }
                // The trial's group is its condition: an ablation's conditions share one target, and would
                // otherwise be one line on every chart.
                ReportRun loaded = RunLoader.fromFolder(run, note -> System.err.println("servebench: " + note))
                        .withCondition(group.get());
                all.add(loaded);
                byGroup.computeIfAbsent(group.get(), g -> new ArrayList<>()).add(loaded);
            }
        }
        if (all.isEmpty()) {
            throw new BadInputException("experiment folder " + experimentFolder + " holds no finished runs");
        }
        ReportModel model = ReportModel.of(all).withTitle("servebench " + kind + " — " + experimentFolder.getFileName());
        if (!analysisTables.isEmpty()) {
            model = model.withResultTables(analysisTables);
        } else if (kind.equals("ablation") && byGroup.size() >= 2) {
            List<String> groups = List.copyOf(byGroup.keySet());
            model = model.withAblation(new AblationInput(groups.get(0), byGroup.get(groups.get(0)), groups.get(1),
                    byGroup.get(groups.get(1))));
        }
        if (pareto.isPresent()) {
            model = model.withPareto(pareto.get());
        }
        return ReportFiles.write(model, experimentFolder.resolve(ReportFiles.HTML_FILE),
                experimentFolder.resolve("tables"));
    }
}
