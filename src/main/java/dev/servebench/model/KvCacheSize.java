package dev.servebench.model;

import dev.servebench.BadInputException;

/** KV-cache bytes per token held by one GPU (ADVISOR-FACTS "Memory", rules C2 and C4). */
public final class KvCacheSize {

    private KvCacheSize() {
    }

    /**
     * Bytes one token's cache occupies on each GPU at tensor parallelism {@code tp}, counting every layer.
     * Standard attention splits KV heads across ranks but never below one head per rank (C2);
     * MLA's latent is replicated on every rank, so its size ignores {@code tp} (C4).
     * <p>
     * With sliding-window layers (gpt-oss) this is what vLLM's hybrid KV-cache allocator reports as
     * "GPU KV cache size: N tokens" (free blocks divided by the number of KV-cache groups, as if every
     * group held every token), and an overestimate of what a sequence really holds: a sliding layer keeps
     * only its window, so a long gpt-oss sequence needs about half these bytes per token (18 of 36 layers).
     * {@link #bytesPerSequencePerGpu} gives the hybrid allocator's real need; callers that count
     * sequences should use it.
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

    /**
     * Bytes per token of the layers that cache the whole context: all layers unless some slide.
     * The marginal cost of one more token of a sequence longer than the window.
     */
    public static long fullAttentionBytesPerTokenPerGpu(ModelArchitecture m, int tp, KvCacheDtype dtype) {
        long all = bytesPerTokenPerGpu(m, tp, dtype);
        return all / m.layers() * m.fullAttentionLayers();
    }

    /**
     * Cache bytes one sequence of {@code tokens} tokens holds on each GPU during decode, as vLLM's hybrid
     * allocator keeps it: full-attention layers hold every token; a sliding layer frees blocks that fell
     * out of its window, so it holds at most the blocks covering the last {@code window} tokens
     * (ceil((window - 1) / block) + 1 blocks: 144 tokens for gpt-oss's 128 at block 16). Prefill chunks
     * briefly hold the window plus the chunk; that transient is not counted.
     */
    public static long bytesPerSequencePerGpu(ModelArchitecture m, int tp, KvCacheDtype dtype, long tokens, int blockSize) {
        if (tokens < 0 || blockSize <= 0) {
            throw new IllegalArgumentException("tokens must be >= 0 and block size >= 1");
        }
        long perLayerPerToken = bytesPerTokenPerGpu(m, tp, dtype) / m.layers();
        long full = perLayerPerToken * m.fullAttentionLayers() * tokens;
        long sliding = m.slidingWindow().map(w -> {
            long heldTokens = ((w.window() - 1 + (long) blockSize - 1) / blockSize + 1) * blockSize;
            return perLayerPerToken * w.slidingLayers() * Math.min(tokens, heldTokens);
        }).orElse(0L);
        return full + sliding;
    }

    /** Rule C2: KV heads per GPU = max(1, kv_heads / TP). */
    public static int kvHeadsPerGpu(Attention a, int tp) {
        return Math.max(1, a.kvHeads() / tp);
    }
}
