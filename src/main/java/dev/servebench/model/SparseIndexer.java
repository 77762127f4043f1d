package dev.servebench.model;

/**
 * DeepSeek V3.2's lightning indexer, which selects the top-k tokens each query attends to.
 *
 * @param topK tokens attended per query ({@code index_topk})
 * @param heads indexer heads ({@code index_n_heads})
 * @param headDim indexer head dimension ({@code index_head_dim})
 */
public record SparseIndexer(int topK, int heads, int headDim) {
}
