package dev.servebench.run;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.TargetInfo;
import dev.servebench.report.AdvisorPlan;
import dev.servebench.report.ReportFiles;
import dev.servebench.report.ReportModel;
import dev.servebench.report.RunLoader;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunRecorder;
import dev.servebench.store.RunStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One benchmark run's lifecycle, the same for {@code bench}, {@code predict} and every experiment
 * trial: the results folder (the primary record: requests.jsonl as requests end, summary.json as
 * levels end), the results database (secondary: a failed write is kept as one line, and
 * {@code runs import} adds the run later), the interruption (Ctrl-C), and, once the folder is
 * closed, the report. Commands are flags, a session, and printing.
 *
 * <pre>{@code
 * try (RunSession session = RunSession.start(folder, store, RunContext.bench(...))) {
 *     BenchmarkResult result = session.run(session.benchmark(target, config, executor));
 *     RunSession.Outcome outcome = session.finish();
 * }
 * }</pre>
 */
public final class RunSession implements AutoCloseable {
    private final Path folder;
    private final ResultsFolder results;
    private final RunRecorder recorder;
    private final Optional<RunStore> store;
    private final Interruption interruption;
    private BenchmarkResult result;
    private Outcome outcome;

    private RunSession(Path folder, ResultsFolder results, RunRecorder recorder, Optional<RunStore> store,
                       Interruption interruption) {
        this.folder = folder;
        this.results = results;
        this.recorder = recorder;
        this.store = store;
        this.interruption = interruption;
    }

    /** Creates the results folder (which must not hold earlier results) and, with a store, the run's record. */
    public static RunSession start(Path folder, Optional<RunStore> store, RunContext context,
                                   Interruption interruption) throws IOException {
        ResultsFolder results = new ResultsFolder(folder);
        results.checkWritable();
        RunRecorder recorder = store.map(s -> new RunRecorder(s, context)).orElse(null);
        if (recorder != null) {
            results.recordedAs(recorder::recordedId);
        }
        return new RunSession(folder, results, recorder, store, interruption);
    }

    public Path folder() {
        return folder;
    }

    public Interruption interruption() {
        return interruption;
    }

    /** A benchmark builder with this session's results folder, database recorder and interruption attached. */
    public Benchmark.Builder benchmark(TargetInfo target, BenchmarkConfig config, LevelExecutor executor) {
        Benchmark.Builder builder = Benchmark.builder().target(target).config(config).executor(executor)
                .interruption(interruption);
        // The record first: the folder's first summary.json can then name it.
        if (recorder != null) {
            builder.listener(recorder);
        }
        builder.listener(results);
        return builder;
    }

    public BenchmarkResult run(Benchmark.Builder builder) {
        result = builder.build().run();
        return result;
    }

    /** Closes the folder and the record; the report can then be written from the finished folder. */
    public Outcome finish() throws IOException {
        if (outcome == null) {
            results.close();
            Optional<String> runId = Optional.empty();
            Optional<String> failure = Optional.empty();
            if (recorder != null) {
                recorder.close();
                failure = recorder.failure();
                if (failure.isEmpty()) {
                    runId = Optional.of(recorder.runId());
                }
            }
            Optional<String> lost = results.failure();
            if (recorder != null && lost.isPresent()) {
                // The database must not call complete what the folder lacks.
                recorder.markPartial();
            }
            outcome = new Outcome(folder, result, runId, store.map(s -> s.location().display()), failure,
                    lost, results.recoveredFailure());
        }
        return outcome;
    }

    /**
     * Finishes the session and, unless {@code writeReport} is false, writes the report: what every run command ends
     * with, as a typed result its caller prints.
     */
    public Ended end(boolean writeReport, Optional<AdvisorPlan> plan, Consumer<String> notes) throws IOException {
        Outcome finished = finish();
        Optional<Path> report = writeReport ? Optional.of(writeReport(plan, notes).html()) : Optional.empty();
        return new Ended(finished, report);
    }

    /** A finished session and its report.html, when one was written. */
    public record Ended(Outcome outcome, Optional<Path> report) {
        /** Whether some results could not be written: the run must then not end with exit 0. */
        public boolean resultsIncomplete() {
            return outcome.resultsFailure().isPresent();
        }
    }

    /** Writes report.html and tables/ from the finished folder; {@code notes} gets what the reader skipped. */
    public ReportFiles.Written writeReport(Optional<AdvisorPlan> plan, Consumer<String> notes) throws IOException {
        finish();
        ReportModel model = ReportModel.of(List.of(RunLoader.fromFolder(folder, notes)));
        if (plan.isPresent()) {
            model = model.withAdvisorPlan(plan.get());
        }
        return ReportFiles.write(model, folder.resolve(ReportFiles.HTML_FILE), folder.resolve("tables"));
    }

    @Override
    public void close() throws IOException {
        // A run that threw: the folder keeps what was measured, the record is marked partial.
        results.close();
        if (recorder != null) {
            recorder.close();
        }
    }

    /**
     * What a finished session left: its folder, the result (null if the run threw), the database
     * run id when recorded, where, the one-line database failure otherwise, and what could not be
     * written to the results folder (a full disk, no file descriptors left), if anything.
     */
    public record Outcome(Path folder, BenchmarkResult result, Optional<String> runId, Optional<String> database,
                          Optional<String> databaseFailure, Optional<String> resultsFailure,
                          Optional<String> resultsRecovered) {
        public Path summaryFile() {
            return folder.resolve(ResultsFolder.SUMMARY_FILE);
        }

        public Path requestsFile() {
            return folder.resolve(ResultsFolder.REQUESTS_FILE);
        }
    }
}
