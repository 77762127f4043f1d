package dev.servebench.store;

import dev.servebench.results.ToolInfo;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.TargetInfo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Records a benchmark in the results database as it runs: the run row at the start, a level row
 * as each level ends, the end state last. A benchmark that fails midway stays listed, as partial;
 * one whose process is killed outright stays "running" until {@link RunStore} sees the process gone.
 *
 * <p>The database is the secondary record; the results folder is the primary one. So nothing the
 * database does stops the benchmark: a write that still fails after {@link RunStore}'s retries is
 * kept as {@link #failure()}, and the recorder writes no further levels (the record would have a hole)
 * but still tries to mark the run ended, as partial. {@code servebench runs import <folder>} completes
 * the record from the folder later.
 */
public final class RunRecorder implements BenchmarkListener, AutoCloseable {
    /** What a shell takes as one word without quotes. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._/+:@%=,-]+");

    private final RunStore store;
    private final RunContext context;
    private final ToolInfo tool;
    private String runId;
    private boolean runRecorded;
    private int levelsPlanned;
    private int levelsDone;
    private boolean finished;
    private volatile String failure;

    public RunRecorder(RunStore store, RunContext context) {
        this.store = store;
        this.context = context;
        this.tool = ToolInfo.current();
    }

    /**
     * The id of the run, set once the benchmark started. Made here rather than by the database, so it
     * exists even when recording the start failed; then {@link #failure()} says so, and the database
     * does not hold this id.
     */
    public String runId() {
        if (runId == null) {
            throw new IllegalStateException("the run has not started");
        }
        return runId;
    }

    /** The id once the run started and its record was written; empty before, or when recording it failed. */
    public Optional<String> recordedId() {
        return runId != null && runRecorded && failure == null ? Optional.of(runId) : Optional.empty();
    }

    /**
     * Why the database does not hold this run in full, when a write failed even after waiting out
     * locks: one line naming the error and the command that records the run from its results folder.
     * Empty while every write succeeded.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void onStart(TargetInfo target, BenchmarkConfig config, List<LevelSpec> plan, long originNanos) {
        levelsPlanned = plan.size();
        long startEpochMillis = System.currentTimeMillis();
        runId = RunIds.run(startEpochMillis);
        runRecorded = attempt(() -> store.startRun(runId, context, target, config, tool, RecordingProcess.current(),
                startEpochMillis));
    }

    @Override
    public void onLevelEnd(LevelResult result) {
        levelsDone++;
        if (runRecorded && failure == null) {
            int position = levelsDone;
            attempt(() -> store.addLevel(runId, position, result));
        }
    }

    @Override
    public void onFinish(BenchmarkResult result) {
        // Interrupted (Ctrl-C) during its last level, a run can have every level and still be partial.
        finish(levelsDone == levelsPlanned && !result.interrupted(), result.endEpochMillis());
    }

    /** The results folder lacks what the run measured (a full disk): the record is partial, whatever it said. */
    public void markPartial() {
        if (runRecorded && finished) {
            attempt(() -> store.finishRun(runId, false, endEpochMillis));
        }
    }

    /** A benchmark that threw never calls onFinish: mark what it stored as partial. */
    @Override
    public void close() {
        if (!finished) {
            finish(false, System.currentTimeMillis());
        }
    }

    private long endEpochMillis;

    private void finish(boolean complete, long endEpochMillis) {
        finished = true;
        this.endEpochMillis = endEpochMillis;
        if (runRecorded) {
            // After a failed write the record lacks levels: partial, whatever the run did, until imported.
            attempt(() -> store.finishRun(runId, complete && failure == null, endEpochMillis));
        }
    }

    /** Runs one write; a failure is kept (the first one only: it is the cause) instead of thrown. */
    private boolean attempt(Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = describe(e);
            }
            return false;
        }
    }

    private String describe(RuntimeException e) {
        String cause = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        Optional<Path> folder = context.requestsFile()
                .map(f -> f.getParent() == null ? Path.of(".") : f.getParent());
        if (folder.isEmpty()) {
            return cause + "; the run is not in the database";
        }
        String db;
        try {
            db = store.location().equals(DatabaseLocation.defaultLocation()) ? ""
                    : " --db " + shellWord(store.location().display());
        } catch (RuntimeException unresolvable) {
            // No usable default location to compare with (odd home folder): name the database anyway.
            db = " --db " + shellWord(store.location().display());
        }
        return cause + "; the results folder has the whole run: servebench runs import "
                + shellWord(folder.get().toString()) + db + " records it";
    }

    private static String shellWord(String text) {
        return PLAIN_WORD.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
