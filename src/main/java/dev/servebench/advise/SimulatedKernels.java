package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.sim.perf.ServingOptions;

import java.util.Optional;

/**
 * The advisor's kernel decisions for a deployment the simulator is asked to predict ({@code predict}, {@code sim},
 * {@code plan}): one rule source, so a prediction never runs a kernel path the advisor would not deploy (AITER's MLA
 * at a head count it does not take) nor a quantization it refuses.
 *
 * @param aiter         whether AITER serves this model at this TP on this GPU (always false off ROCm)
 * @param aiterOffWhy   why AITER is off on a ROCm GPU, when the rules turn it off
 */
public record SimulatedKernels(boolean aiter, Optional<String> aiterOffWhy) {
    /**
     * {@code base} at {@code tp} with the kernels the advisor would deploy there: AITER turned off where its rules
     * turn it off (a user's {@code --no-aiter} stays off).
     *
     * @throws AdviceRefusedException when {@code advise} refuses the requested quantization at this TP
     */
    public static ServingOptions at(ServingOptions base, ModelConfig model, Accelerator gpu, int tp) {
        SimulatedKernels k = of(model, gpu, tp, base.onlineQuantization());
        return base.withTensorParallel(tp).withKernels(base.aiter() && (k.aiter() || !gpu.isRocm()),
                base.onlineQuantization());
    }

    /**
     * @param online the quantization the user asked vLLM to apply at load time
     * @throws AdviceRefusedException when {@code advise} refuses that quantization for this model and TP
     */
    public static SimulatedKernels of(ModelConfig model, Accelerator gpu, int tp, OnlineQuantization online) {
        var m = model.architecture();
        QuantizationRequest request = switch (online) {
            case NONE -> null;
            case FP8 -> QuantizationRequest.FP8;
            case PTPC_FP8 -> QuantizationRequest.PTPC_FP8;
        };
        if (request != null) {
            QuantizationRule.choose(m, gpu, request, tp);
        }
        if (!gpu.isRocm()) {
            return new SimulatedKernels(false, Optional.empty());
        }
        boolean fp8Weights = online != OnlineQuantization.NONE || m.quantization().isFp8();
        AiterRule.Choice choice = AiterRule.choose(m, gpu, tp, AdviseRequest.DEFAULT_VERSION, fp8Weights);
        if (choice.switches().master()) {
            return new SimulatedKernels(true, Optional.empty());
        }
        return new SimulatedKernels(false, choice.decisions().stream().filter(d -> d.setting().equals("aiter"))
                .map(Decision::why).findFirst());
    }
}
