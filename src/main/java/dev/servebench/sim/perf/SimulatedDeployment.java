package dev.servebench.sim.perf;

import dev.servebench.BadInputException;
import dev.servebench.model.Accelerator;
import dev.servebench.model.KvCacheSize;
import dev.servebench.model.MemoryCalibration;
import dev.servebench.model.ModelConfig;
import dev.servebench.model.WeightFootprint;
import dev.servebench.model.WeightMemory;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineConfig;

/**
 * One simulated vLLM instance: a model on {@code tensorParallel} GPUs of one type, with its KV cache
 * sized as vLLM sizes it and its step time from the roofline model.
 *
 * @param kvBytesPerTokenPerGpu   cache bytes per token on each GPU
 * @param weightBytesPerGpu       resident weight bytes per GPU
 * @param kvCacheBytesPerGpu      memory left for the KV cache on each GPU
 */
public record SimulatedDeployment(ModelConfig model, Accelerator accelerator, ServingOptions options,
                                  ModelShape shape, EngineConfig engineConfig, RooflineStepTimeModel stepTime,
                                  long kvBytesPerTokenPerGpu, long weightBytesPerGpu, long kvCacheBytesPerGpu,
                                  KernelPath kernelPath) {

    public static SimulatedDeployment of(ModelConfig model, Accelerator accelerator, ServingOptions options) {
        return of(model, accelerator, options, PerfFactors.builtIn());
    }

    public static SimulatedDeployment of(ModelConfig model, Accelerator accelerator, ServingOptions options,
                                         PerfFactors factors) {
        var m = model.architecture();
        int tp = options.tensorParallel();
        if (m.attention().heads() % tp != 0) {
            // Rule C1: vLLM refuses to start.
            throw new BadInputException("tensor parallelism " + tp + " does not divide the "
                    + m.attention().heads() + " attention heads (vLLM refuses to start)");
        }
        MemoryCalibration cal = MemoryCalibration.defaults();
        WeightFootprint weights = WeightMemory.perGpu(m, options.onlineQuantization(), tp, m.hasVision(), cal);
        // Every layer counted. For sliding-window models (gpt-oss: 18 of 36 layers keep 128 tokens) this
        // overestimates the cache a long sequence needs by up to 2x: the engine's one block pool cannot express
        // vLLM's hybrid allocator, whose sliding groups free blocks outside the window. The simulated KV
        // capacity (blocks below) is therefore conservative, about what vLLM logs as "GPU KV cache size"
        // but fewer concurrent long sequences than vLLM admits (KvCacheSize.bytesPerSequencePerGpu has the
        // real need). Step time reads sliding layers only over their window (RooflineStepTimeModel).
        long kvPerToken = KvCacheSize.bytesPerTokenPerGpu(m, tp, options.kvCacheDtype());
        double activation = cal.activationBytesPerBatchedTokenPerHidden() * options.maxNumBatchedTokens()
                * m.hiddenSize();
        double available = accelerator.runtimeMemoryBytes() * options.gpuMemoryUtilization()
                - weights.residentBytesPerGpu() - cal.runtimeReserveGib() * WeightFootprint.GIB - activation
                - (m.hasVision() ? cal.vitActivationGib() * WeightFootprint.GIB : 0);
        if (available <= 0) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "%s does not fit: %.1f GiB of weights per GPU leave no KV cache at utilization %.2f on %s",
                    model.name(), weights.residentGibPerGpu(), options.gpuMemoryUtilization(), accelerator.id()));
        }
        int blockSize = options.blockSize() > 0 ? options.blockSize()
                : m.attention().kind().isMla() && accelerator.isRocm() ? 1 : 16;
        long blocks = (long) (available / kvPerToken) / blockSize;
        EngineConfig engine = new EngineConfig(options.maxNumSeqs(), options.maxNumBatchedTokens(), blockSize,
                (int) Math.min(Integer.MAX_VALUE - 8, blocks), options.prefixCaching());
        KernelPath path = accelerator.isRocm()
                ? (options.aiter() ? KernelPath.ROCM_AITER : KernelPath.ROCM_TRITON)
                : KernelPath.CUDA_DEFAULT;
        ModelShape shape = ModelShapes.of(m, options.onlineQuantization());
        double gemmPeak = switch (shape.gemmPrecision()) {
            case FP8 -> accelerator.supportsFp8() ? accelerator.fp8Tflops() : accelerator.bf16Tflops();
            case BF16, INT4_WEIGHT_ONLY -> accelerator.bf16Tflops();
        };
        // Catalogue link figures are bidirectional aggregates; a ring all-reduce uses one direction.
        RooflineStepTimeModel stepTime = new RooflineStepTimeModel(shape, tp, factors.factors(accelerator.id(), path, shape),
                gemmPeak, accelerator.bf16Tflops(), accelerator.bandwidthTbPerS(), accelerator.scaleUpGbPerS() / 2,
                kvPerToken);
        return new SimulatedDeployment(model, accelerator, options, shape, engine, stepTime, kvPerToken,
                weights.residentBytesPerGpu(), (long) available, path);
    }

    /** The line a prediction on an accelerator its kernel path was not calibrated on must carry; empty otherwise. */
    public java.util.Optional<String> uncalibrated() {
        return PerfFactors.builtIn().uncalibrated(accelerator.id(), kernelPath);
    }

    public Engine newEngine() {
        return new Engine(engineConfig);
    }

    /** Active parameters in billions, for normalized throughput. */
    public double activeParamsBillions() {
        return shape.activeParams() / 1e9;
    }
}
