package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.AttentionKind;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelArchitecture;

/** Rule C6: which KV-cache dtype a model may use on a stack, and which the plan picks. */
final class KvCacheRule {

    /**
     * @param dtype the chosen cache format
     * @param fp8Eligible whether a FP8 cache is allowed at all
     */
    record Choice(KvCacheDtype dtype, boolean fp8Eligible, Decision decision) {
    }

    private KvCacheRule() {
    }

    static Choice choose(ModelArchitecture m, Accelerator gpu, Goal goal) {
        AttentionKind kind = m.attention().kind();
        if (kind == AttentionKind.SPARSE_MLA) {
            if (gpu.isRocm()) {
                return new Choice(KvCacheDtype.AUTO, false, decision(KvCacheDtype.AUTO,
                        "sparse MLA on ROCm has no FP8 KV cache; latent cached in bf16"));
            }
            return new Choice(KvCacheDtype.FP8_DS_MLA, true, decision(KvCacheDtype.FP8_DS_MLA,
                    "DeepSeek V3.2's sparse MLA backend on CUDA stores its own FP8 layout, 656 B per token per layer"));
        }
        if (kind == AttentionKind.MLA && gpu.isRocm()) {
            return new Choice(KvCacheDtype.AUTO, false, decision(KvCacheDtype.AUTO,
                    "MLA on ROCm cannot use the generic FP8 KV cache; latent cached in bf16"));
        }
        if (!gpu.supportsFp8()) {
            return new Choice(KvCacheDtype.AUTO, false, decision(KvCacheDtype.AUTO, gpu.name() + " has no FP8"));
        }
        if (goal.favoursThroughput()) {
            return new Choice(KvCacheDtype.FP8, true, decision(KvCacheDtype.FP8,
                    kind + " can use an FP8 KV cache: half the bytes per token, twice the concurrent sequences"));
        }
        return new Choice(KvCacheDtype.AUTO, true, decision(KvCacheDtype.AUTO,
                "FP8 KV cache is eligible for " + kind + " (--kv-cache-dtype fp8 doubles capacity); kept bf16 for the "
                        + goal.key() + " goal's accuracy margin"));
    }

    /** The fallback when a bf16 cache cannot hold one full-context sequence. */
    static Choice fp8ToFit(ModelArchitecture m) {
        return new Choice(KvCacheDtype.FP8, true, decision(KvCacheDtype.FP8, m.attention().kind()
                + " with a bf16 cache would not hold one full-context sequence; FP8 halves the bytes per token"));
    }

    private static Decision decision(KvCacheDtype dtype, String why) {
        return new Decision("kv-cache-dtype", dtype.vllmName(), why, RuleId.C6);
    }
}
