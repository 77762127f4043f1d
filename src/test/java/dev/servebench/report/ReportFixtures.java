package dev.servebench.report;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Slo;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.Workload;
import dev.servebench.store.ResultsFolder;
import dev.servebench.testing.QueueModelExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** Real runs for report tests: the progressive benchmark in virtual time, written to results folders. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /** The study's phases and levels, scaled down in request count so a campaign runs in well under a second. */
    static BenchmarkConfig studyConfig(double activeParamsBillions, int requestsPerLevel) {
        return BenchmarkConfig.builder()
                .phases(EnumSet.of(Phase.BASELINE, Phase.SCALING, Phase.SATURATION))
                .mainWorkload(new Workload(500, 200, 0))
                .saturationWorkload(new Workload(500, 100, 0))
                .scalingLevels(List.of(5, 10, 25, 50, 100, 150, 200))
                .saturationLevels(List.of(150, 200, 300, 500, 750, 1000))
                .requestsPerLevel(requestsPerLevel)
                .cooldown(Duration.ZERO)
                .slo(Slo.parse("ttft=2s,tpot=50ms"))
                .activeParamsBillions(activeParamsBillions)
                .build();
    }

    /** Runs one benchmark of {@code model} and returns its results folder. */
    static Path run(Path folder, String model, QueueModelExecutor server, BenchmarkConfig config) throws IOException {
        try (ResultsFolder results = new ResultsFolder(folder)) {
            Benchmark.builder().target(new TargetInfo("predicted MI325X x8", "virtual://" + model, model))
                    .config(config).executor(server).listener(results).build().run();
        }
        return folder;
    }

    static ReportRun load(Path folder, String model, QueueModelExecutor server, BenchmarkConfig config)
            throws IOException {
        return RunLoader.fromFolder(run(folder, model, server, config));
    }

    /** A toy server per study model: different step costs give the four different scaling shapes. */
    static QueueModelExecutor server(String model, long seed) {
        return switch (model) {
            case "Llama-3.1-405B" -> new QueueModelExecutor(28, 0.09, 6, seed);
            case "DeepSeek V3.2" -> new QueueModelExecutor(40, 0.11, 5, seed);
            case "Qwen3-VL-235B-A22B" -> new QueueModelExecutor(9, 0.025, 20, seed);
            default -> new QueueModelExecutor(60, 0.3, 3, seed);
        };
    }
}
