package dev.servebench.model;

/** How a model's attention stores keys and values; decides KV-cache size and which kernels apply. */
public enum AttentionKind {
    /** Multi-head attention: one KV head per query head. */
    MHA,
    /** Multi-query attention: a single KV head. */
    MQA,
    /** Grouped-query attention: fewer KV heads than query heads. */
    GQA,
    /** Multi-head latent attention (DeepSeek V2/V3): a compressed latent is cached instead of K and V. */
    MLA,
    /** MLA with DeepSeek V3.2's top-k sparse indexer. */
    SPARSE_MLA;

    public boolean isMla() {
        return this == MLA || this == SPARSE_MLA;
    }
}
