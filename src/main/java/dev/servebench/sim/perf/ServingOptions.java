package dev.servebench.sim.perf;

import dev.servebench.BadInputException;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.OnlineQuantization;

/**
 * How the simulated vLLM is launched: the flags that change capacity or speed.
 *
 * @param tensorParallel         {@code --tensor-parallel-size}
 * @param maxNumSeqs             {@code --max-num-seqs}
 * @param maxNumBatchedTokens    {@code --max-num-batched-tokens}
 * @param blockSize              {@code --block-size}; 0 picks the platform default (1 for MLA on ROCm, rule C5; else 16)
 * @param gpuMemoryUtilization   {@code --gpu-memory-utilization}
 * @param kvCacheDtype           {@code --kv-cache-dtype}
 * @param prefixCaching          automatic prefix caching (vLLM V1 default: on)
 * @param aiter                  {@code VLLM_ROCM_USE_AITER=1} (ignored on CUDA)
 * @param onlineQuantization     {@code --quantization} applied at load time
 */
public record ServingOptions(int tensorParallel, int maxNumSeqs, int maxNumBatchedTokens, int blockSize,
                             double gpuMemoryUtilization, KvCacheDtype kvCacheDtype, boolean prefixCaching,
                             boolean aiter, OnlineQuantization onlineQuantization) {
    public ServingOptions {
        if (tensorParallel < 1 || maxNumSeqs < 1 || maxNumBatchedTokens < 1 || blockSize < 0) {
            throw new BadInputException("TP, max-num-seqs and max-num-batched-tokens must be positive");
        }
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
            throw new BadInputException("gpu-memory-utilization must be in (0, 1], got " + gpuMemoryUtilization);
        }
    }

    /** vLLM V1's defaults for online serving on a large GPU (ADVISOR-FACTS), AITER on. */
    public static ServingOptions defaults(int tensorParallel) {
        return new ServingOptions(tensorParallel, 1024, 8192, 0, 0.9, KvCacheDtype.AUTO, true, true,
                OnlineQuantization.NONE);
    }

    public ServingOptions withScheduling(int seqs, int batchedTokens) {
        return new ServingOptions(tensorParallel, seqs, batchedTokens, blockSize, gpuMemoryUtilization, kvCacheDtype,
                prefixCaching, aiter, onlineQuantization);
    }

    public ServingOptions withMemory(double utilization, KvCacheDtype dtype) {
        return new ServingOptions(tensorParallel, maxNumSeqs, maxNumBatchedTokens, blockSize, utilization, dtype,
                prefixCaching, aiter, onlineQuantization);
    }

    public ServingOptions withKernels(boolean useAiter, OnlineQuantization online) {
        return new ServingOptions(tensorParallel, maxNumSeqs, maxNumBatchedTokens, blockSize, gpuMemoryUtilization,
                kvCacheDtype, prefixCaching, useAiter, online);
    }

    public ServingOptions withBlockSize(int size) {
        return new ServingOptions(tensorParallel, maxNumSeqs, maxNumBatchedTokens, size, gpuMemoryUtilization,
                kvCacheDtype, prefixCaching, aiter, onlineQuantization);
    }

    public ServingOptions withPrefixCaching(boolean on) {
        return new ServingOptions(tensorParallel, maxNumSeqs, maxNumBatchedTokens, blockSize, gpuMemoryUtilization,
                kvCacheDtype, on, aiter, onlineQuantization);
    }

    public ServingOptions withTensorParallel(int tp) {
        return new ServingOptions(tp, maxNumSeqs, maxNumBatchedTokens, blockSize, gpuMemoryUtilization, kvCacheDtype,
                prefixCaching, aiter, onlineQuantization);
    }
}
