package dev.servebench.model;

import dev.servebench.BadInputException;
import java.util.Optional;

/**
 * The attention block of a decoder layer.
 *
 * @param kind classification, see {@link AttentionKind}
 * @param heads query heads ({@code num_attention_heads})
 * @param kvHeads key/value heads; for MLA the config repeats the query head count
 * @param headDim per-head dimension for standard attention ({@code head_dim}, else hidden / heads)
 * @param mla latent-attention dimensions, present for MLA and sparse MLA
 * @param indexer the sparse indexer, present for sparse MLA
 */
public record Attention(AttentionKind kind, int heads, int kvHeads, int headDim,
                        Optional<MlaDims> mla, Optional<SparseIndexer> indexer) {
    public Attention {
        if (heads <= 0 || kvHeads <= 0 || headDim <= 0) {
            throw new BadInputException("attention heads, KV heads and head_dim must be positive");
        }
        if (kind.isMla() && mla.isEmpty()) {
            throw new BadInputException(kind + " needs kv_lora_rank and the qk/v head dimensions");
        }
    }
}
