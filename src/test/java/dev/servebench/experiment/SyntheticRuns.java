package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Benchmark results with chosen throughput and latency, for testing the analyses without a server. */
final class SyntheticRuns {
    static final TargetSpec TARGET = new TargetSpec("t", java.net.URI.create("http://127.0.0.1:1"), "m", 1);

    private SyntheticRuns() {
    }

    static LevelMetrics metrics(double totalTokensPerSecond, double latencyP99Seconds) {
        Summary lat = new Summary(10, latencyP99Seconds / 2, 0.1, latencyP99Seconds / 2, latencyP99Seconds,
                latencyP99Seconds, latencyP99Seconds, latencyP99Seconds);
        Summary ms = new Summary(10, 50, 10, 50, 90, 95, 99, 100);
        return new LevelMetrics(10, 10, 10, 1.0, 1.0, Map.of(), lat, lat, ms, ms, ms, 1000, 500, "usage", 10,
                totalTokensPerSecond, totalTokensPerSecond / 3, 1, null, null, null, null, null, null, null, null);
    }

    /** One run with a SCALING level per (concurrency, throughput) pair. */
    static BenchmarkResult run(Phase phase, int[] concurrency, double[] throughput) {
        List<LevelResult> levels = new ArrayList<>();
        for (int i = 0; i < concurrency.length; i++) {
            LevelSpec spec = new LevelSpec(phase, "c=" + concurrency[i], new LoadModel.ClosedLoop(concurrency[i]),
                    new RunBounds(Optional.of(10), Optional.empty()), new Workload(10, 10, 0));
            levels.add(new LevelResult(spec, metrics(throughput[i], 1.0), new StatusVerdict(LevelStatus.OK, "")));
        }
        return new BenchmarkResult(new TargetInfo("t", "http://t", "m"), BenchmarkConfig.builder().build(), 0, 1, levels);
    }

    static BenchmarkResult scaling(double throughput) {
        return run(Phase.SCALING, new int[] {4}, new double[] {throughput});
    }

    static TrialOutcome outcome(Trial trial, BenchmarkResult result) {
        return new TrialOutcome(trial, result, Optional.empty());
    }
}
