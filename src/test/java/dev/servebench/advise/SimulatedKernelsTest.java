package dev.servebench.advise;

import dev.servebench.BadInputException;
import dev.servebench.model.Accelerator;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.sim.perf.KernelPath;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One source of kernel decisions: what the simulator predicts runs the kernels {@code advise} deploys. AITER's MLA
 * takes only some head counts per GPU in vLLM 0.14.1 (16 or 128), so an MLA model at a TP that leaves another
 * count runs Triton attention in both.
 */
class SimulatedKernelsTest {
    private static final Accelerator MI325X = AcceleratorCatalogue.get("mi325x");

    private static boolean advisedAiter(ModelConfig model, Accelerator gpu, int tp) {
        DeploymentPlan plan = Advisor.plan(new AdviseRequest(model, gpu, tp, AdviseRequest.DEFAULT_VERSION,
                Goal.BALANCED, OptionalInt.empty(), QuantizationRequest.AUTO, OptionalInt.of(tp)));
        return plan.aiter().master();
    }

    @Test
    void predictionsRunTheAiterPathAdviseDeploysAtEveryTp() {
        int compared = 0;
        for (String name : new String[]{"deepseek-v3.2", "kimi-k2.5", "qwen3-235b-a22b", "llama-3.3-70b-instruct"}) {
            ModelConfig model = ModelCatalogue.load(name);
            for (int tp : new int[]{1, 2, 4, 8}) {
                boolean advised;
                try {
                    advised = advisedAiter(model, MI325X, tp);
                } catch (BadInputException e) {
                    continue;
                }
                SimulatedDeployment d;
                try {
                    d = SimulatedDeployment.of(model, MI325X,
                            SimulatedKernels.at(ServingOptions.defaults(tp), model, MI325X, tp));
                } catch (BadInputException e) {
                    continue;
                }
                assertThat(d.kernelPath()).as("%s TP%d", name, tp)
                        .isEqualTo(advised ? KernelPath.ROCM_AITER : KernelPath.ROCM_TRITON);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anMlaModelAtAnUnsupportedHeadCountIsPredictedOnTritonAndSaysWhy() {
        ModelConfig deepseek = ModelCatalogue.load("deepseek-v3.2");
        // 128 heads / TP 4 = 32 per GPU: not a count AITER's MLA decode kernel takes in vLLM 0.14.1.
        SimulatedKernels k = SimulatedKernels.of(deepseek, MI325X, 4, OnlineQuantization.NONE);
        assertThat(k.aiter()).isFalse();
        assertThat(k.aiterOffWhy().orElseThrow()).contains("32 per GPU", "Triton MLA");
        assertThat(SimulatedKernels.of(deepseek, MI325X, 8, OnlineQuantization.NONE).aiter()).isTrue();
        // --no-aiter stays off wherever the rules would allow it.
        assertThat(SimulatedKernels.at(ServingOptions.defaults(8).withKernels(false, OnlineQuantization.NONE),
                deepseek, MI325X, 8).aiter()).isFalse();
    }

    @Test
    void aQuantizationAdviseRefusesIsRefusedForPredictionsToo() {
        // gpt-oss-120b is stored as MXFP4: advise refuses to re-quantize it to FP8.
        ModelConfig gptOss = ModelCatalogue.load("gpt-oss-120b");
        assertThatThrownBy(() -> Advisor.plan(new AdviseRequest(gptOss, MI325X, 1, AdviseRequest.DEFAULT_VERSION,
                Goal.BALANCED, OptionalInt.empty(), QuantizationRequest.FP8, OptionalInt.of(1))))
                .isInstanceOf(AdviceRefusedException.class);
        assertThatThrownBy(() -> SimulatedKernels.of(gptOss, MI325X, 1, OnlineQuantization.FP8))
                .isInstanceOf(AdviceRefusedException.class);
    }
}
