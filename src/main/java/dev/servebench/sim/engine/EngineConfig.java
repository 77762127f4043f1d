package dev.servebench.sim.engine;

import dev.servebench.BadInputException;

/**
 * The scheduler settings of one simulated vLLM instance.
 *
 * @param maxNumSeqs          most sequences in one step's batch ({@code --max-num-seqs})
 * @param maxNumBatchedTokens per-step token budget shared by decodes and prefill chunks ({@code --max-num-batched-tokens})
 * @param blockSize           tokens per KV-cache block ({@code --block-size})
 * @param kvBlocks            blocks in the KV cache (vLLM's "GPU KV cache size" divided by the block size)
 * @param prefixCaching       reuse cached full prompt blocks across requests (vLLM V1 default: on)
 */
public record EngineConfig(int maxNumSeqs, int maxNumBatchedTokens, int blockSize, int kvBlocks,
                           boolean prefixCaching) {
    public EngineConfig {
        requirePositive(maxNumSeqs, "max_num_seqs");
        requirePositive(maxNumBatchedTokens, "max_num_batched_tokens");
        requirePositive(blockSize, "block_size");
        requirePositive(kvBlocks, "KV-cache blocks");
    }

    /** Tokens the KV cache can hold. */
    public long kvCapacityTokens() {
        return (long) kvBlocks * blockSize;
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new BadInputException(name + " must be at least 1, got " + value);
        }
    }
}
