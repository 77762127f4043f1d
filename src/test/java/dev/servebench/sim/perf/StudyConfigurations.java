package dev.servebench.sim.perf;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.OnlineQuantization;

/**
 * The study's four deployments on 8× MI325X with vLLM 0.14.1 (data/mi325x-study.json "models"):
 * TP, block size, AITER and KV dtype as published; scheduling as the "balanced" profile
 * (512 sequences / 16,384 tokens), the one consistent with every model saturating at 500 clients.
 */
final class StudyConfigurations {
    private StudyConfigurations() {
    }

    static SimulatedDeployment deployment(String studyName) {
        return deployment(studyName, PerfFactors.builtIn());
    }

    static SimulatedDeployment deployment(String studyName, PerfFactors factors) {
        ServingOptions base = ServingOptions.defaults(8).withScheduling(512, 16_384)
                .withPrefixCaching(Boolean.parseBoolean(System.getProperty("calib.prefix", "true")));
        return switch (studyName) {
            case "Llama-3.1-405B" -> SimulatedDeployment.of(ModelCatalogue.load("llama-3.1-405b"), gpu(),
                    base.withKernels(true, OnlineQuantization.FP8).withMemory(0.9, KvCacheDtype.FP8), factors);
            case "DeepSeek V3.2" -> SimulatedDeployment.of(ModelCatalogue.load("deepseek-v3.2"), gpu(),
                    base.withKernels(true, OnlineQuantization.NONE), factors);
            case "Qwen3-VL-235B-A22B" -> SimulatedDeployment.of(ModelCatalogue.load("qwen3-vl-235b-a22b"), gpu(),
                    base.withKernels(true, OnlineQuantization.NONE), factors);
            case "Kimi-K2.5" -> SimulatedDeployment.of(ModelCatalogue.load("kimi-k2.5"), gpu(),
                    new ServingOptions(4, 512, 16_384, 0, 0.9, KvCacheDtype.AUTO, base.prefixCaching(), false,
                            OnlineQuantization.NONE), factors);
            default -> throw new IllegalArgumentException(studyName);
        };
    }

    private static dev.servebench.model.Accelerator gpu() {
        return AcceleratorCatalogue.get("mi325x");
    }
}
