package dev.servebench.plan;

import dev.servebench.advise.ClusterAdvisor;
import dev.servebench.advise.ClusterPlan;
import dev.servebench.advise.ClusterRequest;
import dev.servebench.advise.RolePlan;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code advise} would launch the winner with that the simulator does not model (an attention backend, a
 * quantized all-reduce, asynchronous scheduling, ...): named in the plan's output, never silently dropped.
 */
public final class UnmodelledOptions {
    /** The flags the simulated instance carries (ServingOptions) or that only size what it models. */
    private static final Set<String> MODELLED_ARGS = Set.of("--tensor-parallel-size", "--data-parallel-size",
            "--block-size", "--quantization", "--kv-cache-dtype", "--max-num-seqs", "--max-num-batched-tokens",
            "--gpu-memory-utilization", "--max-model-len", "--kv-transfer-config");
    /** The environment the simulator reads: AITER's master switch picks the kernel path. */
    private static final Set<String> MODELLED_ENV = Set.of("VLLM_ROCM_USE_AITER", "HF_TOKEN");

    private UnmodelledOptions() {
    }

    /** One line for the winner at the highest decided concurrency; empty without a winner or the advisor's settings. */
    public static Optional<String> line(PlanRequest request, PlanResult result) {
        if (!(request.instances() instanceof AdvisedInstances advised)) {
            return Optional.empty();
        }
        Optional<ShapePrediction> winner = result.decisions().stream().filter(d -> d.best().isPresent())
                .reduce((a, b) -> b).flatMap(PlanResult.Decision::best);
        if (winner.isEmpty()) {
            return Optional.empty();
        }
        ClusterPlan plan;
        try {
            plan = ClusterAdvisor.plan(new ClusterRequest(advised.request(), request.nodes(), request.gpusPerNode(),
                    winner.get().shape()));
        } catch (RuntimeException e) {
            return Optional.of("Not modelled: advise cannot render " + winner.get().shape().label() + " (" + e.getMessage()
                    + ")");
        }
        Set<String> missing = new LinkedHashSet<>();
        for (RolePlan r : plan.roles()) {
            for (String arg : r.plan().servingArgs()) {
                if (arg.startsWith("--") && !MODELLED_ARGS.contains(arg)) {
                    missing.add(arg + " (" + r.role().key() + ")");
                }
            }
            r.plan().env().forEach((k, v) -> {
                if (!MODELLED_ENV.contains(k)) {
                    missing.add(k + "=" + v + " (" + r.role().key() + ")");
                }
            });
        }
        return Optional.of(missing.isEmpty()
                ? "Not modelled: nothing; every launch setting advise gives " + winner.get().shape().label()
                + " is simulated."
                : "Not modelled by the simulator, though advise deploys them for " + winner.get().shape().label() + ": "
                + String.join(", ", missing) + ".");
    }
}
