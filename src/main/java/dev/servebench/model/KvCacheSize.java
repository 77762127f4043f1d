package dev.servebench.model;

import dev.servebench.BadInputException;

/** KV-cache bytes per token held by one GPU (ADVISOR-FACTS "Memory", rules C2 and C4). */
public final class KvCacheSize {

    private KvCacheSize() {
    }

    /**
     * Bytes one token's cache occupies on each GPU at tensor parallelism {@code tp}.
     * Standard attention splits KV heads across ranks but never below one head per rank (C2);
     * MLA's latent is replicated on every rank, so its size ignores {@code tp} (C4).
     */
    public static long bytesPerTokenPerGpu(ModelArchitecture m, int tp, KvCacheDtype dtype) {
        if (tp <= 0) {
            throw new IllegalArgumentException("tensor parallelism must be >= 1, got " + tp);
        }
        Attention a = m.attention();
        if (a.kind().isMla()) {
            if (dtype == KvCacheDtype.FP8_DS_MLA) {
                return (long) m.layers() * KvCacheDtype.DS_MLA_BYTES_PER_TOKEN_PER_LAYER;
            }
            return (long) m.layers() * a.mla().orElseThrow().cachedValuesPerTokenPerLayer() * dtype.bytesPerElement();
        }
        if (dtype == KvCacheDtype.FP8_DS_MLA) {
            throw new BadInputException("fp8_ds_mla is DeepSeek's MLA cache format; " + a.kind()
                    + " attention uses auto or fp8");
        }
        return (long) m.layers() * 2L * kvHeadsPerGpu(a, tp) * a.headDim() * dtype.bytesPerElement();
    }

    /** Rule C2: KV heads per GPU = max(1, kv_heads / TP). */
    public static int kvHeadsPerGpu(Attention a, int tp) {
        return Math.max(1, a.kvHeads() / tp);
    }
}
