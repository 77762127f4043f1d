package dev.servebench.advise;

import dev.servebench.sim.perf.ServingOptions;

/**
 * The serving options the simulator runs for an instance the advisor planned: the same TP, scheduling budgets
 * (max_num_seqs, max_num_batched_tokens), block size, memory utilization, KV cache dtype, AITER and quantization
 * as its launch command. What {@code plan} predicts is what {@code advise} deploys.
 */
public final class SimulatedServing {
    private SimulatedServing() {
    }

    public static ServingOptions of(DeploymentPlan plan) {
        return new ServingOptions(plan.tp(), plan.profile().maxNumSeqs(), plan.profile().maxNumBatchedTokens(),
                plan.blockSize(), plan.gpuMemoryUtilization(), plan.kvCacheDtype(), true, plan.aiter().master(),
                plan.weights().online());
    }
}
