package dev.servebench.model;

/**
 * Weight memory of one GPU.
 *
 * @param residentBytesPerGpu bytes the served weights occupy once loading finishes
 * @param loadReportedBytesPerGpu what vLLM on ROCm logs as "Model loading took": ROCm measures
 *        device-used memory (total - free), so blocks the allocator kept from staging an unquantized
 *        checkpoint for online quantization are counted; equals resident without online quantization
 */
public record WeightFootprint(long residentBytesPerGpu, long loadReportedBytesPerGpu) {

    public static final double GIB = 1024.0 * 1024 * 1024;

    public double residentGibPerGpu() {
        return residentBytesPerGpu / GIB;
    }

    public double loadReportedGibPerGpu() {
        return loadReportedBytesPerGpu / GIB;
    }
}
