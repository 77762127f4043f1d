package dev.servebench.advise;

import dev.servebench.model.Accelerator;

/** Rule C14: ROCm quick all-reduce quantization at TP 4-8. */
final class AllReduceRule {

    static final String ENV = "VLLM_ROCM_QUICK_REDUCE_QUANTIZATION";

    private AllReduceRule() {
    }

    /** @return the decision; its value is the env value to set, or a non-env description */
    static Decision choose(Accelerator gpu, int tp, VllmVersion version, Goal goal) {
        if (!gpu.isRocm()) {
            return new Decision("all-reduce", "custom (default)", "quick-reduce is ROCm-only; vLLM's custom "
                    + "all-reduce over " + gpu.scaleUpLink() + " is the default", RuleId.C14);
        }
        if (tp < 4 || tp > 8) {
            return new Decision("all-reduce", "RCCL (default)", "quick-reduce quantization pays off at TP 4-8; TP "
                    + tp + " keeps the default", RuleId.C14);
        }
        if (!VersionGates.reached(VersionGates.C14_QUICK_REDUCE, version)) {
            return new Decision("all-reduce", "RCCL (default)", "vLLM " + version + " predates quick-reduce (from "
                    + VersionGates.since(VersionGates.C14_QUICK_REDUCE) + ")", RuleId.C14);
        }
        if (goal.favoursThroughput()) {
            return new Decision("all-reduce", "FP", ENV + "=FP quantizes TP all-reduce to FP8 over xGMI: less "
                    + "communication per step for a small accuracy cost", RuleId.C14);
        }
        return new Decision("all-reduce", "NONE (default)", "full-precision all-reduce for the " + goal.key()
                + " goal; " + ENV + "=FP (or INT8/INT6/INT4) trades accuracy for communication", RuleId.C14);
    }

    static boolean setsEnv(Decision d) {
        return d.value().equals("FP") || d.value().startsWith("INT");
    }
}
