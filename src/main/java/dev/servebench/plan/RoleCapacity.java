package dev.servebench.plan;

import dev.servebench.bench.Slo;
import dev.servebench.sim.engine.StepShape;
import dev.servebench.sim.perf.SimulatedDeployment;

/**
 * What one instance of a role can carry on a workload, from its step times: a prefill instance's requests per
 * second (its batched-token budget of prompts per step), a decode instance's (the largest batch whose step stays
 * within the SLO's gap bound, or its sequence limit, each sequence generating one token a step). Their ratio is
 * the decode-to-prefill instance count that keeps both pools equally busy: where the plan looks for xPyD shapes.
 */
record RoleCapacity(double prefillRequestsPerSecond, double decodeRequestsPerSecond) {

    static RoleCapacity of(SimulatedDeployment prefill, SimulatedDeployment decode, int inputTokens, int outputTokens,
                           Slo slo) {
        int budget = prefill.engineConfig().maxNumBatchedTokens();
        double prefillStepSeconds = prefill.stepTime().stepNanos(StepShape.prefill(budget, 0, 0, 0)) / 1e9;
        double prefillRate = budget / prefillStepSeconds / inputTokens;
        int context = inputTokens + outputTokens / 2;
        long kvSequences = decode.engineConfig().kvCapacityTokens() / Math.max(1, inputTokens + outputTokens);
        int maxBatch = (int) Math.max(1, Math.min(decode.engineConfig().maxNumSeqs(), kvSequences));
        double gapBoundSeconds = slo.itl().or(slo::tpot).map(d -> d.toNanos() / 1e9).orElse(Double.MAX_VALUE);
        int batch = 1;
        for (int b = maxBatch; b >= 1; b = b > 64 ? b - b / 8 : b - 1) {
            if (decode.stepTime().stepNanos(StepShape.decodes(b, context)) / 1e9 <= gapBoundSeconds) {
                batch = b;
                break;
            }
        }
        double decodeStepSeconds = decode.stepTime().stepNanos(StepShape.decodes(batch, context)) / 1e9;
        double decodeRate = batch / decodeStepSeconds / outputTokens;
        return new RoleCapacity(prefillRate, decodeRate);
    }

    /** Decode instances per prefill instance that balance the pools. */
    double decodePerPrefill() {
        return prefillRequestsPerSecond / decodeRequestsPerSecond;
    }
}
