package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.KvCacheSize;
import dev.servebench.model.MemoryCalibration;
import dev.servebench.model.ModelArchitecture;
import dev.servebench.model.WeightFootprint;
import dev.servebench.model.WeightMemory;

/**
 * Rule M1: KV capacity = GPU memory x utilization - (weights + activation peak + runtime reserve),
 * tokens = capacity / bytes per token, sequences = tokens / context (ADVISOR-FACTS "Memory").
 * For sliding-window models (gpt-oss) tokens counts every layer, as vLLM's "GPU KV cache size" does, and
 * sequences = capacity / {@link KvCacheSize#bytesPerSequencePerGpu} (sliding layers hold only their window).
 */
final class MemoryRule {

    private static final double GIB = WeightFootprint.GIB;

    private MemoryRule() {
    }

    static MemoryEstimate estimate(ModelArchitecture m, Accelerator gpu, int tp, int dp, ServedWeights weights,
                                   KvCacheDtype kvDtype, SchedulingProfile profile, double utilization,
                                   int contextTokens, boolean visionReplicated) {
        MemoryCalibration cal = MemoryCalibration.defaults();
        WeightFootprint w = WeightMemory.perGpu(m, weights.online(), tp, visionReplicated, cal);
        double usable = gpu.runtimeMemoryGib() * utilization;
        double activation = profile.maxNumBatchedTokens() * (double) m.hiddenSize()
                * cal.activationBytesPerBatchedTokenPerHidden() / GIB + (m.hasVision() ? cal.vitActivationGib() : 0);
        double kvGib = usable - w.residentGibPerGpu() - activation - cal.runtimeReserveGib();
        long bytesPerToken = KvCacheSize.bytesPerTokenPerGpu(m, tp, kvDtype);
        long tokens = kvGib <= 0 ? 0 : (long) (kvGib * GIB / bytesPerToken);
        long sequences = tokens / contextTokens * dp;
        if (m.slidingWindow().isPresent() && kvGib > 0) {
            // vLLM's hybrid allocator: sliding layers hold only their window, so a sequence needs fewer
            // bytes than contextTokens x bytesPerToken (which counts every layer, as vLLM's token figure does).
            long perSequence = KvCacheSize.bytesPerSequencePerGpu(m, tp, kvDtype, contextTokens, BlockSizeRule.DEFAULT_BLOCK);
            sequences = (long) (kvGib * GIB / perSequence) * dp;
        }
        return new MemoryEstimate(usable, w.residentGibPerGpu(), w.loadReportedGibPerGpu(), activation,
                cal.runtimeReserveGib(), bytesPerToken, kvGib, tokens, contextTokens, sequences);
    }

    static boolean fits(MemoryEstimate e) {
        return e.kvCapacityTokens() >= e.contextTokens();
    }

    static AdviceRefusedException refusal(String modelName, Accelerator gpu, int gpus, int tp, MemoryEstimate e) {
        if (e.kvGibPerGpu() <= 0) {
            return new AdviceRefusedException(RuleId.M1, String.format(
                    "%s does not fit on %d x %s: at TP %d each GPU needs %.1f GiB of weights + %.1f GiB activations and "
                            + "runtime, more than the %.1f GiB usable; use more or larger GPUs or FP8/INT4 weights",
                    modelName, gpus, gpu.name(), tp, e.weightGibPerGpu(), e.activationGibPerGpu() + e.reserveGibPerGpu(),
                    e.usableGibPerGpu()));
        }
        return new AdviceRefusedException(RuleId.M1, String.format(
                "%s on %d x %s leaves %.1f GiB per GPU for KV at TP %d: %,d tokens, fewer than one %,d-token "
                        + "context; lower --context to at most %,d or use more GPUs",
                modelName, gpus, gpu.name(), e.kvGibPerGpu(), tp, e.kvCapacityTokens(), e.contextTokens(),
                e.kvCapacityTokens()));
    }
}
