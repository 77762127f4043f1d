package dev.servebench.model;

import dev.servebench.BadInputException;

/**
 * Low-rank projection sizes of multi-head latent attention.
 *
 * @param qLoraRank rank of the query down-projection; 0 when queries are projected directly
 * @param kvLoraRank rank of the cached KV latent
 * @param qkNopeHeadDim per-head query/key dimension without rotary embedding
 * @param qkRopeHeadDim per-head rotary dimension (its key part is cached next to the latent)
 * @param vHeadDim per-head value dimension
 */
public record MlaDims(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {
    public MlaDims {
        if (kvLoraRank <= 0 || qkRopeHeadDim < 0 || qkNopeHeadDim < 0 || vHeadDim <= 0 || qLoraRank < 0) {
            throw new BadInputException("MLA dimensions must be positive (kv_lora_rank, qk_*_head_dim, v_head_dim)");
        }
    }

    /** Values cached per token per layer: the latent plus the shared rotary key. */
    public int cachedValuesPerTokenPerLayer() {
        return kvLoraRank + qkRopeHeadDim;
    }

    public int qkHeadDim() {
        return qkNopeHeadDim + qkRopeHeadDim;
    }
}
