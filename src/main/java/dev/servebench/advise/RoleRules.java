package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelArchitecture;

import java.util.List;
import java.util.Optional;

/** Rules P3, P4, P6 and P7: what a cluster role changes in a single-instance plan. */
final class RoleRules {

    /** vLLM's KV connector for P/D over NIXL (RIXL on ROCm images). kv_role is a placeholder for NixlConnector. */
    static final String KV_TRANSFER_CONFIG = "{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"}";
    static final String UNIFIED_ENV = "VLLM_ROCM_USE_AITER_UNIFIED_ATTENTION";
    static final String AITER_MHA_ENV = "VLLM_ROCM_USE_AITER_MHA";
    static final String UNIFIED_BACKEND = "ROCM_AITER_UNIFIED_ATTN";
    static final String ROCM_ATTN = "ROCM_ATTN";

    private RoleRules() {
    }

    /**
     * P3. A prefill instance's requests leave after their first token, so its steps are all prompt: it takes the
     * throughput profile's token budget per step (at least) to batch prompts, which vLLM's optimization guide says
     * improves TTFT. A decode instance never computes a prompt (its KV arrives over the connector), so the goal's
     * profile stands: a step schedules one token per running sequence. Replicas keep the single-node rule.
     */
    static Optional<SchedulingRule.Choice> scheduling(Role role, ModelArchitecture m, Goal goal, VllmVersion version) {
        if (role == Role.REPLICA) {
            return Optional.empty();
        }
        SchedulingRule.Choice base = SchedulingRule.choose(m, goal, version);
        SchedulingProfile p = base.profile();
        Decision decision;
        SchedulingProfile chosen = p;
        if (role == Role.PREFILL) {
            int budget = Math.max(p.maxNumBatchedTokens(), SchedulingProfile.forGoal(Goal.THROUGHPUT).maxNumBatchedTokens());
            chosen = new SchedulingProfile(p.name() + " (prefill)", p.maxNumSeqs(), budget, p.schedulerSteps(),
                    p.gpuMemoryUtilization());
            decision = new Decision("max-num-seqs / max-num-batched-tokens", chosen.maxNumSeqs() + " / " + budget,
                    "prefill instance: every step is prompt tokens and requests leave after one token, so it batches "
                            + "prompts with a budget of " + budget + " tokens per step (larger budgets give better "
                            + "TTFT; there is no decode ITL here to protect); max-num-seqs from the " + p.name()
                            + " profile", RuleId.P3);
        } else {
            decision = new Decision("max-num-seqs / max-num-batched-tokens", p.maxNumSeqs() + " / "
                    + p.maxNumBatchedTokens(), "decode instance: prompts are computed by prefill and arrive as KV, so "
                    + "a step schedules one token per running sequence; the " + p.name() + " profile for the "
                    + goal.key() + " goal stands", RuleId.P3);
        }
        List<Decision> decisions = new java.util.ArrayList<>(base.decisions());
        decisions.set(0, decision);
        return Optional.of(new SchedulingRule.Choice(chosen, base.gpuMemoryUtilization(), base.extraArgs(), decisions));
    }

    static Decision connector(Role role, String path) {
        return new Decision("kv-transfer-config", "NixlConnector, kv_both", role.key() + " side of the KV hand-over: "
                + "vLLM's NixlConnector (RIXL on ROCm images); kv_role is a placeholder NixlConnector ignores, the "
                + "router decides who prefills, so both roles take kv_both as llm-d's guides do; KV travels " + path,
                RuleId.P4);
    }

    /** P6: the attention backend a ROCm GQA/MHA role is pinned to; both roles of a P/D pair get the same one (P5). */
    record Backend(String name, boolean viaFlag, Decision decision) {
    }

    static Optional<Backend> attention(ModelArchitecture m, Accelerator gpu, AiterSwitches aiter, VllmVersion version,
                                       boolean heterogeneousTp) {
        if (!gpu.isRocm() || m.attention().kind().isMla() || !aiter.master()
                || !VersionGates.reached(VersionGates.P6_AITER_UNIFIED_ATTENTION, version)) {
            return Optional.empty();
        }
        boolean flag = VersionGates.reached(VersionGates.C11_ATTENTION_BACKEND_FLAG, version);
        if (heterogeneousTp) {
            String how = flag ? "--attention-backend " + ROCM_ATTN : AttentionBackendRule.ENV + "=" + ROCM_ATTN
                    + " (vLLM " + version + " reads the env)";
            return Optional.of(new Backend(ROCM_ATTN, flag, new Decision("attention-backend", ROCM_ATTN,
                    "prefill and decode TP differ: llm-d's AMD P/D guide requires the ROCm attention backend then "
                            + "(other backends do not yet hand KV over between different TP sizes), and NIXL needs "
                            + "the same backend on both sides (P5); " + how, RuleId.P6)));
        }
        String how = flag ? "--attention-backend " + UNIFIED_BACKEND
                : UNIFIED_ENV + "=1 with " + AITER_MHA_ENV + "=0 (vLLM " + version + " predates --attention-backend)";
        return Optional.of(new Backend(UNIFIED_BACKEND, flag, new Decision("attention-backend", UNIFIED_BACKEND,
                "AITER's unified attention (one kernel for prefill and decode, incl. sliding window and sinks) as in "
                        + "vLLM's gpt-oss MI300X recipe and the llm-d methodology; " + how, RuleId.P6)));
    }

    /**
     * P7: prefill all-reduces carry every prompt token's activations, the large messages quick-reduce compresses;
     * INT4 is the setting vLLM's gpt-oss MI300X recipe uses. Decode and replicas keep the single-node rule (C14).
     */
    static Optional<Decision> quickReduce(Role role, Accelerator gpu, int tp, VllmVersion version) {
        if (role != Role.PREFILL || !gpu.isRocm() || tp < 4 || tp > 8
                || !VersionGates.reached(VersionGates.C14_QUICK_REDUCE, version)) {
            return Optional.empty();
        }
        return Optional.of(new Decision("all-reduce", "INT4", AllReduceRule.ENV + "=INT4: prefill's all-reduces carry "
                + "every prompt token's activations, where quick-reduce's inline compression over xGMI pays off most "
                + "(vLLM's gpt-oss MI300X recipe sets INT4). Accuracy caveat: the all-reduce is quantized to 4 bits, "
                + "so answers can change; check the model's quality (lm-eval, gpt-oss evals) before serving, or use "
                + "INT8 or FP for a smaller loss", RuleId.P7));
    }
}
