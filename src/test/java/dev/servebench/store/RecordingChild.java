package dev.servebench.store;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.LevelStatus;
import dev.servebench.bench.Phase;
import dev.servebench.bench.StatusVerdict;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.Workload;
import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;
import dev.servebench.stats.Summary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A servebench process in the middle of a run, for {@link InterruptedRunTest} to kill: records the
 * start of a two-level run and its first level, prints the run id, then waits on stdin forever.
 * Arguments: the JDBC URL of the database, the requests file to record.
 */
final class RecordingChild {
    private RecordingChild() {
    }

    public static void main(String[] args) throws IOException {
        RunStore store = RunStore.open(DatabaseLocation.parse(args[0]));
        RunRecorder recorder = new RunRecorder(store, RunContext.bench(Path.of(args[1])));
        List<LevelSpec> plan = List.of(level(1), level(4));
        recorder.onStart(new TargetInfo("child", "http://127.0.0.1:1", "m"), BenchmarkConfig.builder().build(), plan,
                0);
        recorder.onLevelEnd(new LevelResult(plan.getFirst(), metrics(), new StatusVerdict(LevelStatus.OK, "")));
        System.out.println(recorder.runId());
        System.out.flush();
        // Blocks until the test kills this process; if the test's JVM dies instead, stdin closes and
        // this process exits the same way: without recording how the run ended.
        while (System.in.read() >= 0) {
            continue;
        }
    }

    private static LevelSpec level(int concurrency) {
        return new LevelSpec(Phase.SCALING, "c=" + concurrency, new LoadModel.ClosedLoop(concurrency),
                new RunBounds(Optional.of(10), Optional.empty()), new Workload(10, 10, 0));
    }

    private static LevelMetrics metrics() {
        Summary seconds = new Summary(10, 0.5, 0.1, 0.5, 1, 1, 1, 1);
        Summary millis = new Summary(10, 50, 10, 50, 90, 95, 99, 100);
        return new LevelMetrics(10, 10, 10, 1.0, 1.0, Map.of(), seconds, seconds, millis, millis, millis, 1000, 500,
                "usage", 10, 150, 50, 1, null, null, null, null, null, null, null, null);
    }
}
