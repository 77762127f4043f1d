package dev.servebench.plan;

import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.ClusterAdvisor;
import dev.servebench.advise.Goal;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.advise.Role;
import dev.servebench.advise.SimulatedServing;
import dev.servebench.model.Accelerator;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.cluster.InstanceOptions;
import dev.servebench.sim.perf.ServingOptions;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instance of a planned shape runs what {@code advise} would deploy for its role at its TP (one model of the
 * deployment: scheduling budgets, block size, memory utilization, KV dtype, AITER, quantization), with the serving
 * flags the user gave to {@code plan} over it. {@code advise --from-plan} renders the same instances.
 *
 * @param request     the advisor's request: model, GPU, vLLM version, goal, quantization (its GPU count and TP are
 *                    each instance's)
 * @param overrides   what the user set on {@code plan}'s command line, over the advisor's choice
 */
public record AdvisedInstances(AdviseRequest request, Overrides overrides, Map<String, ServingOptions> cache)
        implements InstanceOptions {

    /** Serving flags given to {@code plan}; empty ones leave the advisor's choice. */
    public record Overrides(OptionalInt maxNumSeqs, OptionalInt maxNumBatchedTokens, Optional<KvCacheDtype> kvCacheDtype) {
        public static final Overrides NONE = new Overrides(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    public AdvisedInstances {
        cache = cache == null ? new ConcurrentHashMap<>() : cache;
    }

    /** The advisor's defaults (vLLM 0.14.1, balanced goal) for the model on the GPU with {@code quantization}. */
    public static AdvisedInstances of(ModelConfig model, Accelerator gpu, QuantizationRequest quantization,
                                      Overrides overrides) {
        return new AdvisedInstances(new AdviseRequest(model, gpu, 1, AdviseRequest.DEFAULT_VERSION, Goal.BALANCED,
                OptionalInt.empty(), quantization, OptionalInt.empty()), overrides, null);
    }

    /** @throws dev.servebench.advise.AdviceRefusedException when the advisor cannot deploy such an instance */
    @Override
    public ServingOptions at(Duty duty, int tp) {
        return cache.computeIfAbsent(duty + "/" + tp, k -> {
            ServingOptions advised = SimulatedServing.of(ClusterAdvisor.instance(request, role(duty), tp));
            ServingOptions o = advised.withScheduling(overrides.maxNumSeqs().orElse(advised.maxNumSeqs()),
                    overrides.maxNumBatchedTokens().orElse(advised.maxNumBatchedTokens()));
            return overrides.kvCacheDtype().map(kv -> o.withMemory(o.gpuMemoryUtilization(), kv)).orElse(o);
        });
    }

    static Role role(Duty duty) {
        return switch (duty) {
            case REPLICA -> Role.REPLICA;
            case PREFILL -> Role.PREFILL;
            case DECODE -> Role.DECODE;
        };
    }
}
