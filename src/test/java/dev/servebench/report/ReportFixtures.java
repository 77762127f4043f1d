package dev.servebench.report;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Slo;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.Workload;
import dev.servebench.results.ResultsFolder;
import dev.servebench.model.Accelerator;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;
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
    static Path run(Path folder, String model, LevelExecutor server, BenchmarkConfig config) throws IOException {
        try (ResultsFolder results = new ResultsFolder(folder)) {
            Benchmark.builder().target(new TargetInfo("predicted MI325X x8", "virtual://" + model, model))
                    .config(config).executor(server).listener(results).build().run();
        }
        return folder;
    }

    static ReportRun load(Path folder, String model, LevelExecutor server, BenchmarkConfig config)
            throws IOException {
        return RunLoader.fromFolder(run(folder, model, server, config));
    }

    /**
     * The built-in simulator in virtual time, deployed as the study deployed each model on 8 x MI325X
     * (TP, AITER and KV dtype as published; the balanced 512 / 16,384 scheduling profile).
     */
    static LevelExecutor simulator(String studyModel) {
        ServingOptions base = ServingOptions.defaults(8).withScheduling(512, 16_384);
        SimulatedDeployment d = switch (studyModel) {
            case "Llama-3.1-405B" -> SimulatedDeployment.of(ModelCatalogue.load("llama-3.1-405b"), MI325X,
                    base.withKernels(true, OnlineQuantization.FP8).withMemory(0.9, KvCacheDtype.FP8));
            case "DeepSeek V3.2" -> SimulatedDeployment.of(ModelCatalogue.load("deepseek-v3.2"), MI325X,
                    base.withKernels(true, OnlineQuantization.NONE));
            case "Qwen3-VL-235B-A22B" -> SimulatedDeployment.of(ModelCatalogue.load("qwen3-vl-235b-a22b"), MI325X,
                    base.withKernels(true, OnlineQuantization.NONE));
            case "Kimi-K2.5" -> SimulatedDeployment.of(ModelCatalogue.load("kimi-k2.5"), MI325X,
                    new ServingOptions(4, 512, 16_384, 0, 0.9, KvCacheDtype.AUTO, true, false, OnlineQuantization.NONE));
            default -> throw new IllegalArgumentException(studyModel);
        };
        return new VirtualLevelExecutor(d.newEngine(), d.stepTime(), new PromptEncoder(ImageTokens.DEFAULT), Duration.ofSeconds(300));
    }

    private static final Accelerator MI325X = AcceleratorCatalogue.get("mi325x");

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
