package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelArchitecture;
import dev.servebench.model.ParameterBreakdown;

import java.util.List;
import java.util.Map;

/**
 * The advisor's answer: settings, the decisions behind them, memory, and what to launch.
 *
 * @param modelName catalogue name or file name
 * @param modelRef what {@code vllm serve} is given (Hugging Face repo id or local directory)
 * @param tp tensor-parallel size
 * @param dp data-parallel replicas (GPUs / TP)
 * @param aiter AITER switches; {@link AiterSwitches#OFF} on CUDA
 * @param env environment variables in emission order
 * @param servingArgs arguments after {@code vllm serve <model>}
 * @param decisions one per choice, each with its rule
 * @param warnings things the user should know before launching
 */
public record DeploymentPlan(String modelName, String modelRef, ModelArchitecture architecture,
                             ParameterBreakdown parameters, Accelerator gpu, int gpuCount, VllmVersion version,
                             Goal goal, int tp, int dp, ServedWeights weights, int blockSize, KvCacheDtype kvCacheDtype,
                             boolean fp8KvEligible, boolean kvOffloadEligible, boolean kvOffloadEnabled,
                             AiterSwitches aiter, SchedulingProfile profile, double gpuMemoryUtilization,
                             int maxModelLen, Map<String, String> env, List<String> servingArgs,
                             List<Decision> decisions, MemoryEstimate memory, List<String> warnings) {
    public DeploymentPlan {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        servingArgs = List.copyOf(servingArgs);
        decisions = List.copyOf(decisions);
        warnings = List.copyOf(warnings);
    }

    /** The decision for {@code setting}, for tests and renderers. */
    public Decision decision(String setting) {
        return decisions.stream().filter(d -> d.setting().equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plan has no decision '" + setting + "'"));
    }

    /** The same plan with a cluster role's decisions, environment, arguments and warnings in place of these. */
    DeploymentPlan withLaunch(List<Decision> newDecisions, Map<String, String> newEnv, List<String> newArgs,
                              List<String> newWarnings) {
        return new DeploymentPlan(modelName, modelRef, architecture, parameters, gpu, gpuCount, version, goal, tp, dp,
                weights, blockSize, kvCacheDtype, fp8KvEligible, kvOffloadEligible, kvOffloadEnabled, aiter, profile,
                gpuMemoryUtilization, maxModelLen, newEnv, newArgs, newDecisions, memory, newWarnings);
    }
}
