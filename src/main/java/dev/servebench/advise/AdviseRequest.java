package dev.servebench.advise;

import dev.servebench.BadInputException;
import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;

import java.util.OptionalInt;

/**
 * What the user asks the advisor.
 *
 * @param contextTokens planned context per request; empty means min(32,768, max_position_embeddings)
 * @param forcedTp a tensor-parallel size the user insists on; empty lets the rules choose
 */
public record AdviseRequest(ModelConfig model, Accelerator gpu, int gpuCount, VllmVersion version, Goal goal,
                            OptionalInt contextTokens, QuantizationRequest quantization, OptionalInt forcedTp) {

    public static final VllmVersion DEFAULT_VERSION = VllmVersion.parse("0.14.1");

    public AdviseRequest {
        if (gpuCount < 1) {
            throw new BadInputException("--gpus must be at least 1, got " + gpuCount);
        }
        if (contextTokens.isPresent() && contextTokens.getAsInt() < 1) {
            throw new BadInputException("--context must be a positive token count, got " + contextTokens.getAsInt());
        }
        if (forcedTp.isPresent() && forcedTp.getAsInt() < 1) {
            throw new BadInputException("--tp must be at least 1, got " + forcedTp.getAsInt());
        }
    }

    /** Defaults: vLLM 0.14.1, balanced goal, automatic quantization and TP. */
    public static AdviseRequest of(ModelConfig model, Accelerator gpu, int gpuCount) {
        return new AdviseRequest(model, gpu, gpuCount, DEFAULT_VERSION, Goal.BALANCED, OptionalInt.empty(),
                QuantizationRequest.AUTO, OptionalInt.empty());
    }

    public AdviseRequest withVersion(VllmVersion v) {
        return new AdviseRequest(model, gpu, gpuCount, v, goal, contextTokens, quantization, forcedTp);
    }

    public AdviseRequest withGoal(Goal g) {
        return new AdviseRequest(model, gpu, gpuCount, version, g, contextTokens, quantization, forcedTp);
    }

    public AdviseRequest withContext(int tokens) {
        return new AdviseRequest(model, gpu, gpuCount, version, goal, OptionalInt.of(tokens), quantization, forcedTp);
    }

    public AdviseRequest withQuantization(QuantizationRequest q) {
        return new AdviseRequest(model, gpu, gpuCount, version, goal, contextTokens, q, forcedTp);
    }

    public AdviseRequest withTp(int tp) {
        return new AdviseRequest(model, gpu, gpuCount, version, goal, contextTokens, quantization, OptionalInt.of(tp));
    }
}
