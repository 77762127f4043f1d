package dev.servebench.sim.perf;

/** The kernel library a deployment's GEMMs, MoE and attention run on: it decides their efficiency. */
public enum KernelPath {
    /** ROCm with {@code VLLM_ROCM_USE_AITER=1}: AITER's linear, fused-MoE and MHA/MLA kernels. */
    ROCM_AITER("rocm/aiter"),
    /** ROCm with AITER off: hipBLASLt GEMMs, Triton fused-MoE and Triton attention (vLLM's fallback). */
    ROCM_TRITON("rocm/triton"),
    /** CUDA: cuBLASLt/CUTLASS GEMMs, FlashAttention / FlashMLA. */
    CUDA_DEFAULT("cuda/default");

    private final String key;

    KernelPath(String key) {
        this.key = key;
    }

    /** The key in {@code perf-factors.json}. */
    public String key() {
        return key;
    }
}
