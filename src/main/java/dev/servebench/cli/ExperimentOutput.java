package dev.servebench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

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

    ExperimentSession session(String kind, Map<String, Object> params, PrintWriter err) {
        return new ExperimentSession(kind, db, report, out, params, err);
    }
}
