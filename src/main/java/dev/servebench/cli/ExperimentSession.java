package dev.servebench.cli;

import dev.servebench.run.StopSignals;
import dev.servebench.eval.AccuracyRows;
import dev.servebench.BadInputException;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.client.EndpointConfig;
import dev.servebench.run.BenchmarkTrialRunner;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.store.ExperimentStatus;
import dev.servebench.store.RunStore;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every experiment subcommand does around its experiment: a results folder, the experiment's
 * row in the database with its parameters, a trial runner recording each run, progress lines on
 * stderr, and the analysis stored at the end (or the experiment marked failed).
 */
final class ExperimentSession implements AutoCloseable {
    private final String kind;
    private final RunStore store;
    private final Path folder;
    private final Optional<String> experimentId;
    private final PrintWriter err;
    private final boolean writeReport;
    private final Interruption interruption = new Interruption(Interruption.DEFAULT_GRACE);
    private final AutoCloseable signals;
    private boolean finished;

    ExperimentSession(String kind, DbOptions db, ReportOptions report, Path out, Map<String, Object> params,
                      PrintWriter err) {
        this.kind = kind;
        this.writeReport = !report.noReport;
        this.err = err;
        this.folder = out != null ? out : dev.servebench.run.RunFolders.defaultFolder(kind);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot create the results folder " + folder + ": " + e.getMessage());
        }
        this.store = db.openIfAvailable(err);
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("results_folder", folder.toAbsolutePath().toString());
        this.experimentId = Optional.ofNullable(store).map(s -> s.createExperiment(kind, all, System.currentTimeMillis()));
        err.println("servebench: experiment " + kind + experimentId.map(id -> " " + id).orElse("") + ", results in "
                + folder);
        // Last, so that nothing above can fail with the handlers installed: close() restores them.
        this.signals = StopSignals.install(interruption, err);
    }

    BenchmarkTrialRunner runner(EndpointOptions endpoint) {
        return runner(endpoint, t -> endpoint.endpoint(t.url(), t.model()), Map.of());
    }

    /** A runner over several targets, some of them (by name) run in this process instead of over HTTP. */
    BenchmarkTrialRunner runner(EndpointOptions endpoint, Function<TargetSpec, EndpointConfig> endpoints,
                                Map<String, Supplier<LevelExecutor>> inProcess) {
        return new BenchmarkTrialRunner(endpoints, inProcess, folder, Optional.ofNullable(store), experimentId,
                Optional.empty(), interruption, endpoint.tokenizer, this::log);
    }

    /** One condition's accuracy check: its folder {@code eval-<condition>}, recorded with the experiment. */
    java.util.List<dev.servebench.eval.TaskResult> checkAccuracy(EndpointConfig endpoint,
            java.util.List<dev.servebench.eval.EvalTask> tasks, dev.servebench.eval.EvalSettings settings,
            String condition) {
        return AccuracyCheckRun.run(endpoint, tasks, settings, dev.servebench.run.RunFolders.accuracyCheck(folder,
                condition), store, experimentId, Optional.of(condition)).results();
    }

    void log(String line) {
        err.println("servebench: " + kind + ": " + line);
        err.flush();
    }

    Path folder() {
        return folder;
    }

    /** Stores the analysis and writes the report; returns the lines telling the user where they went. */
    String finish(Object result) {
        finished = true;
        String report = "";
        if (writeReport) {
            try {
                // A Pareto sweep's frontier is the experiment's own, charted on TTFT p99 as the SPEC's examples are.
                var pareto = result instanceof dev.servebench.experiment.ParetoResult r
                        ? java.util.Optional.of(paretoInput(r, dev.servebench.experiment.LatencyAxis.TTFT_P99_MS))
                        : java.util.Optional.<dev.servebench.report.ParetoInput>empty();
                // An ablation's accuracy check stands beside its speed tables.
                var accuracy = result instanceof dev.servebench.experiment.AblationResult r
                        ? r.accuracy().map(a -> dev.servebench.eval.EvalTables.reportInput(a.comparisons(), r.alpha()))
                        : java.util.Optional.<dev.servebench.eval.AccuracyRows>empty();
                report = "Report: " + ExperimentReport.write(kind, folder, pareto, accuracy).html()
                        + System.lineSeparator();
            } catch (java.io.IOException | RuntimeException e) {
                // The measurements are already safe on disk; a report failure must not lose the analysis.
                report = "Report: not written (" + e.getMessage() + ")" + System.lineSeparator();
            }
        }
        if (store == null) {
            return report + "Results: " + folder;
        }
        store.finishExperiment(experimentId.orElseThrow(), ExperimentStatus.COMPLETE, result);
        return report + "Results: " + folder + "; recorded as experiment " + experimentId.orElseThrow() + " in "
                + store.location().display() + " (servebench runs show " + experimentId.orElseThrow() + ")";
    }

    /** A sweep's points and its own frontier on one latency axis, for the report to draw. */
    static dev.servebench.report.ParetoInput paretoInput(dev.servebench.experiment.ParetoResult result,
                                                        dev.servebench.experiment.LatencyAxis axis) {
        return new dev.servebench.report.ParetoInput(axis.label(), paretoView(result.points(), axis),
                paretoView(result.frontiers().getOrDefault(axis, java.util.List.of()), axis));
    }

    private static java.util.List<dev.servebench.report.ParetoChartPoint> paretoView(
            java.util.List<dev.servebench.experiment.ParetoPoint> points, dev.servebench.experiment.LatencyAxis axis) {
        return points.stream().filter(p -> Double.isFinite(axis.of(p)))
                .map(p -> new dev.servebench.report.ParetoChartPoint(p.configuration(), p.level(),
                        p.tokensPerSecondPerGpu(), axis.of(p)))
                .toList();
    }

    /** The single target of repeat, ablation, saturation and phases. */
    static TargetSpec singleTarget(URI url, String model) {
        return new TargetSpec(url.getHost() + ":" + url.getPort(), url, model, 1);
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
        } catch (java.io.IOException | RuntimeException e) {
            log("stopped; no report (" + e.getMessage() + "); the runs are in " + folder);
        }
    }
}
