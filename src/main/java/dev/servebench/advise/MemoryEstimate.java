package dev.servebench.advise;

/**
 * Per-GPU memory budget of a plan.
 *
 * @param usableGibPerGpu runtime memory x gpu-memory-utilization
 * @param weightGibPerGpu resident weights
 * @param loadReportedGibPerGpu what vLLM on ROCm logs as "Model loading took" (staging of online quantization included)
 * @param activationGibPerGpu profiling-peak activations for the batched-token budget (plus the vision encoder's)
 * @param reserveGibPerGpu graphs, collectives buffers, allocator slack
 * @param kvBytesPerTokenPerGpu KV cache bytes one token occupies on each GPU
 * @param kvGibPerGpu memory left for the KV cache
 * @param kvCapacityTokens tokens the KV cache of one replica holds
 * @param contextTokens the context length the concurrency figure is for
 * @param concurrentSequences full-context sequences that fit across all replicas
 */
public record MemoryEstimate(double usableGibPerGpu, double weightGibPerGpu, double loadReportedGibPerGpu,
                             double activationGibPerGpu, double reserveGibPerGpu, long kvBytesPerTokenPerGpu,
                             double kvGibPerGpu, long kvCapacityTokens, int contextTokens, long concurrentSequences) {
}
