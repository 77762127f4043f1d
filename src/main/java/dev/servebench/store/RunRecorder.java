package dev.servebench.store;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.TargetInfo;

import java.util.List;

/**
 * Records a benchmark in the results database as it runs: the run row at the start, a level row
 * as each level ends, the end state last. A benchmark that fails midway stays listed, as partial;
 * one whose process is killed outright stays "running" until {@link RunStore} sees the process gone.
 */
public final class RunRecorder implements BenchmarkListener, AutoCloseable {
    private final RunStore store;
    private final RunContext context;
    private final ToolInfo tool;
    private String runId;
    private int levelsPlanned;
    private int levelsDone;
    private boolean finished;

    public RunRecorder(RunStore store, RunContext context) {
        this.store = store;
        this.context = context;
        this.tool = ToolInfo.current();
    }

    /** The id the run was stored under; set once the benchmark started. */
    public String runId() {
        if (runId == null) {
            throw new IllegalStateException("the run has not started");
        }
        return runId;
    }

    @Override
    public void onStart(TargetInfo target, BenchmarkConfig config, List<LevelSpec> plan, long originNanos) {
        levelsPlanned = plan.size();
        runId = store.startRun(context, target, config, tool, RecordingProcess.current(), System.currentTimeMillis());
    }

    @Override
    public void onLevelEnd(LevelResult result) {
        levelsDone++;
        store.addLevel(runId, levelsDone, result);
    }

    @Override
    public void onFinish(BenchmarkResult result) {
        store.finishRun(runId, levelsDone == levelsPlanned, result.endEpochMillis());
        finished = true;
    }

    /** A benchmark that threw never calls onFinish: mark what it stored as partial. */
    @Override
    public void close() {
        if (runId != null && !finished) {
            store.finishRun(runId, false, System.currentTimeMillis());
            finished = true;
        }
    }
}
