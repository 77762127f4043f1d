package dev.servebench.model;

/**
 * One GPU model's figures (per GPU, dense TFLOP/s).
 *
 * @param id catalogue key, e.g. {@code mi325x}
 * @param hbmGb data-sheet memory
 * @param runtimeMemoryGib total memory the runtime reports; the base of KV-capacity estimates
 * @param bandwidthTbPerS HBM bandwidth
 * @param fp4Tflops 0 where the GPU has no native FP4 arithmetic
 * @param scaleUpGbPerS per-GPU scale-up link bandwidth (xGMI, NVLink)
 * @param kernelStack the software stack (ROCm or CUDA) vLLM uses on it
 */
public record Accelerator(String id, String name, String vendor, GpuArch arch, String gfx, double hbmGb,
                          double runtimeMemoryGib, double bandwidthTbPerS, double bf16Tflops, double fp8Tflops,
                          double fp4Tflops, String scaleUpLink, double scaleUpGbPerS, KernelStack kernelStack,
                          String source) {
    public Accelerator {
        if (kernelStack != arch.stack()) {
            throw new IllegalArgumentException(id + ": kernel stack " + kernelStack + " does not match " + arch);
        }
        if (runtimeMemoryGib <= 0 || bandwidthTbPerS <= 0 || bf16Tflops <= 0) {
            throw new IllegalArgumentException(id + ": memory, bandwidth and BF16 TFLOP/s must be positive");
        }
    }

    public boolean isRocm() {
        return kernelStack == KernelStack.ROCM;
    }

    public boolean supportsFp8() {
        return fp8Tflops > 0;
    }

    public double runtimeMemoryBytes() {
        return runtimeMemoryGib * WeightFootprint.GIB;
    }
}
