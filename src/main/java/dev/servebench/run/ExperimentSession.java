package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.client.EndpointConfig;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskResult;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.ExperimentTrials;
import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.experiment.ParetoResult;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.report.ParetoChartPoint;
import dev.servebench.report.ParetoInput;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.ExperimentStatus;
import dev.servebench.store.RunStore;
import dev.servebench.table.ReportTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every experiment does around its trials: a results folder, the experiment's row in the database with its
 * parameters, a trial runner recording each run, progress lines on stderr, Ctrl-C, and the analysis stored at the
 * end (or the experiment marked stopped or failed).
 */
public final class ExperimentSession implements AutoCloseable {
    private final String kind;
    private final RunStore store;
    private final Path folder;
    private final Optional<String> experimentId;
    private final PrintWriter err;
    private final boolean writeReport;
    private final Interruption interruption = new Interruption(Interruption.DEFAULT_GRACE);
    private final AutoCloseable signals;
    private boolean finished;

    /**
     * Where a finished experiment went.
     *
     * @param report        report.html, when one was asked for and written
     * @param reportFailure why the report asked for was not written
     * @param experimentId  the experiment's id in the database, when recorded
     * @param database      that database, for display
     */
    public record Ended(Path folder, Optional<Path> report, Optional<String> reportFailure,
                        Optional<String> experimentId, Optional<String> database) {
    }

    /**
     * Creates the folder, then the experiment's database row (a database another process keeps locked is said on
     * {@code err} and left out), then takes Ctrl-C until {@link #close()}.
     */
    ExperimentSession(String kind, Path folder, Optional<DatabaseLocation> database, boolean writeReport,
                      Map<String, Object> params, PrintWriter err) {
        this.kind = kind;
        this.writeReport = writeReport;
        this.err = err;
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException("cannot create the results folder " + folder + ": " + e.getMessage());
        }
        this.store = Databases.openIfAvailable(database, err).orElse(null);
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("results_folder", folder.toAbsolutePath().toString());
        this.experimentId = Optional.ofNullable(store).map(s -> s.createExperiment(kind, all, System.currentTimeMillis()));
        err.println("servebench: experiment " + kind + experimentId.map(id -> " " + id).orElse("") + ", results in "
                + folder);
        // Last, so that nothing above can fail with the handlers installed: close() restores them.
        this.signals = StopSignals.install(interruption, err);
    }

    /** A runner over HTTP targets only. */
    BenchmarkTrialRunner runner(ClientAccess client) {
        return runner(client, t -> client.endpoint(t.url(), t.model()), Map.of());
    }

    /** A runner over several targets, some of them (by name) run in this process instead of over HTTP. */
    BenchmarkTrialRunner runner(ClientAccess client, Function<TargetSpec, EndpointConfig> endpoints,
                                Map<String, Supplier<LevelExecutor>> inProcess) {
        TokenizerChoice tokenizer = client.settings().tokenizer();
        return new BenchmarkTrialRunner(endpoints, inProcess, folder, Optional.ofNullable(store), experimentId,
                Optional.empty(), interruption, tokenizer, this::log);
    }

    /** One condition's accuracy check: its folder {@code eval-<condition>}, recorded with the experiment. */
    List<TaskResult> checkAccuracy(EndpointConfig endpoint, List<EvalTask> tasks, EvalSettings settings,
                                   String condition) {
        return AccuracyCheckRun.run(endpoint, tasks, settings, RunFolders.accuracyCheck(folder, condition),
                Optional.ofNullable(store), experimentId, Optional.of(condition)).results();
    }

    /** A progress line of this experiment. */
    void log(String line) {
        err.println("servebench: " + kind + ": " + line);
        err.flush();
    }

    /** A line about something around the experiment (its deployments), not of its trials. */
    void say(String line) {
        err.println("servebench: " + line);
    }

    Path folder() {
        return folder;
    }

    /** Stores the analysis and writes the report. */
    Ended finish(Object result) {
        finished = true;
        Optional<Path> report = Optional.empty();
        Optional<String> reportFailure = Optional.empty();
        if (writeReport) {
            try {
                // A Pareto sweep's frontier is the experiment's own, charted on TTFT p99 as the SPEC's examples are.
                Optional<ParetoInput> pareto = result instanceof ParetoResult r
                        ? Optional.of(paretoInput(r, LatencyAxis.TTFT_P99_MS)) : Optional.empty();
                // The tables the terminal prints, from the same analysis: the report's cannot differ from them.
                List<ReportTable> tables = result instanceof ExperimentTrials t ? ExperimentTables.of(t) : List.of();
                report = Optional.of(ExperimentReport.write(kind, folder, pareto, tables).html());
            } catch (IOException | RuntimeException e) {
                // The measurements are already safe on disk; a report failure must not lose the analysis.
                reportFailure = Optional.of(String.valueOf(e.getMessage()));
            }
        }
        if (store == null) {
            return new Ended(folder, report, reportFailure, Optional.empty(), Optional.empty());
        }
        store.finishExperiment(experimentId.orElseThrow(), ExperimentStatus.COMPLETE, result);
        return new Ended(folder, report, reportFailure, experimentId, Optional.of(store.location().display()));
    }

    /** A sweep's points and its own frontier on one latency axis, for the report to draw. */
    static ParetoInput paretoInput(ParetoResult result, LatencyAxis axis) {
        return new ParetoInput(axis.label(), paretoView(result.points(), axis),
                paretoView(result.frontiers().getOrDefault(axis, List.of()), axis));
    }

    private static List<ParetoChartPoint> paretoView(List<ParetoPoint> points, LatencyAxis axis) {
        return points.stream().filter(p -> Double.isFinite(axis.of(p)))
                .map(p -> new ParetoChartPoint(p.configuration(), p.level(), p.tokensPerSecondPerGpu(), axis.of(p)))
                .toList();
    }

    @Override
    public void close() throws Exception {
        signals.close();
        if (!finished && interruption.requested()) {
            reportWhatRan();
        }
        if (store != null) {
            if (!finished) {
                store.finishExperiment(experimentId.orElseThrow(),
                        interruption.requested() ? ExperimentStatus.STOPPED : ExperimentStatus.FAILED, null);
            }
            store.close();
        }
    }

    /** After Ctrl-C: the runs that ended are charted, so a stopped experiment still shows what it measured. */
    private void reportWhatRan() {
        if (!writeReport) {
            return;
        }
        try {
            log("stopped; report of the runs so far: " + ExperimentReport.write(kind, folder).html());
        } catch (IOException | RuntimeException e) {
            log("stopped; no report (" + e.getMessage() + "); the runs are in " + folder);
        }
    }
}
