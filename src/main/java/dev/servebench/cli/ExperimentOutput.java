package dev.servebench.cli;

import dev.servebench.run.ExperimentRun;
import dev.servebench.run.ExperimentSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an experiment's results go, shared by every {@code experiment} subcommand: its folder
 * ({@code --out}), the results database ({@code --db}/{@code --no-db}) and the final report
 * ({@code --no-report}).
 */
final class ExperimentOutput {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Experiment folder (default results/<date>-<time>-<experiment>).")
    Path out;

    @Mixin
    DbOptions db;

    @Mixin
    ReportOptions report;

    ExperimentRun.Output output() {
        return new ExperimentRun.Output(Optional.ofNullable(out), db.location(), !report.noReport);
    }

    /** The lines an experiment ends with: its report, its folder and its record in the database. */
    static String ended(ExperimentSession.Ended ended) {
        String report = ended.report().map(html -> "Report: " + html)
                .or(() -> ended.reportFailure().map(why -> "Report: not written (" + why + ")"))
                .map(line -> line + System.lineSeparator()).orElse("");
        if (ended.experimentId().isEmpty()) {
            return report + "Results: " + ended.folder();
        }
        String id = ended.experimentId().get();
        return report + "Results: " + ended.folder() + "; recorded as experiment " + id + " in "
                + ended.database().orElseThrow() + " (servebench runs show " + id + ")";
    }
}
