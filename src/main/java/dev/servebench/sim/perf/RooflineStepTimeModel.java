package dev.servebench.sim.perf;

import dev.servebench.sim.engine.StepShape;
import dev.servebench.sim.engine.StepTimeModel;

/**
 * Step time of a tensor-parallel engine from first principles, per GPU:
 * <pre>
 *   linear layers   max(FLOPs / (peak × gemm eff), weight bytes / (HBM × hbm eff × gemm bandwidth eff))
 *   routed experts  max(FLOPs / (peak × gemm eff × moe eff), bytes of touched experts / (HBM × hbm eff × moe bandwidth eff))
 * + attention       max(FLOPs / (BF16 peak × attention eff), KV bytes read / (HBM × hbm eff))
 * + all-reduce      2 per layer × (latency + ring traffic / (link × link eff))
 * + overheads       per step + layers × max(per-layer floor, sequences × per-sequence cost)
 * + vision encoder  FLOPs of the images encoded this step / (BF16 peak × gemm eff)
 * </pre>
 * Kernels of a layer run one after another, so their times add; within a kernel, compute and
 * memory traffic overlap, so each is the larger of the two, or with the accelerator's
 * roofline_exponent p the rounded corner (compute^p + memory^p)^(1/p) (imperfect overlap near the ridge). MoE layers touch only the experts
 * the batch routes to: with B tokens each picking k of E experts uniformly, E·(1 − (1 − k/E)^B)
 * distinct experts. A layer's fixed kernels and an attention path's per-sequence work overlap
 * (one kernel's time is the larger of its launch/latency floor and its work), hence the max.
 */
public final class RooflineStepTimeModel implements StepTimeModel {
    private final ModelShape model;
    private final int tp;
    private final EfficiencyFactors f;
    private final double gemmFlopsPerSecond;
    private final double moeFlopsPerSecond;
    private final double attentionFlopsPerSecond;
    private final double visionFlopsPerSecond;
    private final double hbmBytesPerSecond;
    private final double denseBytesPerSecond;
    private final double moeBytesPerSecond;
    private final double linkBytesPerSecond;
    private final double kvBytesPerTokenPerGpu;

    /**
     * @param peakGemmTflops        data-sheet dense TFLOP/s at the model's GEMM precision
     * @param peakBf16Tflops        data-sheet dense BF16 TFLOP/s (attention, vision encoder)
     * @param hbmTbPerS             data-sheet HBM bandwidth
     * @param linkGbPerS            per-GPU scale-up bandwidth (one direction)
     * @param kvBytesPerTokenPerGpu KV cache bytes per token on one GPU at this TP and cache dtype, every layer
     *                              counted (sliding-window layers' share is read only over their window)
     */
    public RooflineStepTimeModel(ModelShape model, int tp, EfficiencyFactors factors, double peakGemmTflops,
                                 double peakBf16Tflops, double hbmTbPerS, double linkGbPerS,
                                 double kvBytesPerTokenPerGpu) {
        if (tp < 1) {
            throw new IllegalArgumentException("tensor parallelism must be at least 1");
        }
        this.model = model;
        this.tp = tp;
        this.f = factors;
        this.hbmBytesPerSecond = hbmTbPerS * 1e12 * factors.hbmEfficiency();
        this.gemmFlopsPerSecond = peakGemmTflops * 1e12 * factors.gemmEfficiency();
        this.moeFlopsPerSecond = gemmFlopsPerSecond * factors.moeEfficiency();
        this.attentionFlopsPerSecond = peakBf16Tflops * 1e12 * factors.attentionEfficiency();
        this.visionFlopsPerSecond = peakBf16Tflops * 1e12 * factors.gemmEfficiency();
        this.denseBytesPerSecond = hbmBytesPerSecond * factors.gemmBandwidthEfficiency();
        this.moeBytesPerSecond = hbmBytesPerSecond * factors.moeBandwidthEfficiency();
        this.linkBytesPerSecond = linkGbPerS * 1e9 * factors.linkEfficiency();
        this.kvBytesPerTokenPerGpu = kvBytesPerTokenPerGpu;
    }

    @Override
    public long stepNanos(StepShape step) {
        return Math.round(breakdown(step).totalSeconds() * 1e9);
    }

    /** The step's time split by cause, for tools that explain a prediction. */
    public StepBreakdown breakdown(StepShape step) {
        double tokens = step.totalNewTokens();
        double sampled = step.samplingSequences();

        double denseSeconds = roof(
                2 * tokens * model.denseParams() / tp / gemmFlopsPerSecond,
                model.denseBytes() / tp / denseBytesPerSecond);
        double lmHeadSeconds = roof(
                2 * sampled * model.lmHeadParams() / tp / gemmFlopsPerSecond,
                sampled > 0 ? model.lmHeadBytes() / tp / hbmBytesPerSecond : 0);
        double moeSeconds = 0;
        if (model.isMoe() && tokens > 0) {
            double e = model.routedExperts();
            double distinct = e * (1 - Math.pow(1 - model.expertsPerToken() / e, tokens));
            double flops = 2 * tokens * model.expertsPerToken() * model.paramsPerExpert() * model.moeLayers() / tp;
            double bytes = distinct * model.bytesPerExpert() * model.moeLayers() / tp;
            moeSeconds = roof(flops / moeFlopsPerSecond, bytes / moeBytesPerSecond);
        }

        double attendedPositions = 0;
        double kvTokensRead = 0;
        int topK = model.sparseTopK();
        // Sliding-window layers (gpt-oss) attend to and read at most the window; the rest the whole context.
        double fullShare = 1.0 - (double) model.slidingLayers() / model.layers();
        double slidingShare = 1.0 - fullShare;
        long w = model.slidingWindow();
        for (int i = 0; i < step.sequences(); i++) {
            long n = step.newTokens(i);
            long c = step.contextTokens(i);
            // Causal: the j-th new token attends to c + j positions (capped at top-k when sparse).
            double positions = n * c + n * (n + 1) / 2.0;
            if (topK > 0 && c + n > topK) {
                positions = Math.min(positions, (double) n * topK);
            }
            double read = topK > 0 ? Math.min(c + n, (long) topK * n) : c + n;
            if (slidingShare > 0) {
                // New token j attends to min(c + j, w) positions: the first k = clamp(w - c, 0, n) see c + j.
                long k = Math.max(0, Math.min(n, w - c));
                double slidingPositions = k * (double) c + k * (k + 1) / 2.0 + (double) (n - k) * w;
                positions = fullShare * positions + slidingShare * slidingPositions;
                read = fullShare * read + slidingShare * (Math.min(c, w - 1) + n);
            }
            attendedPositions += positions;
            kvTokensRead += read;
        }
        double headsPerGpu = (double) model.heads() / tp;
        double flopsPerPosition = model.attentionKind() == ModelShape.AttentionKind.MLA
                // Absorbed MLA: scores over the latent + rope key, values over the latent.
                ? 2.0 * headsPerGpu * (model.mlaLatentDim() + model.mlaKvLoraRank())
                : 4.0 * headsPerGpu * model.headDim();
        double attentionSeconds = roof(
                attendedPositions * flopsPerPosition * model.layers() / attentionFlopsPerSecond,
                kvTokensRead * kvBytesPerTokenPerGpu / hbmBytesPerSecond);

        double allReduceSeconds = 0;
        if (tp > 1 && tokens > 0) {
            double ringBytes = 2.0 * (tp - 1) / tp * tokens * model.hiddenSize() * 2;
            allReduceSeconds = 2.0 * model.layers() * (f.allReduceLatencyMicros() * 1e-6 + ringBytes / linkBytesPerSecond);
        }
        double overheadSeconds = (f.stepOverheadMicros() + model.layers()
                * Math.max(f.layerOverheadMicros(), f.sequenceLayerOverheadMicros() * step.sequences())) * 1e-6;
        double visionSeconds = 0;
        if (step.imageTokensToEncode() > 0 && model.visionParams() > 0) {
            double patches = (double) step.imageTokensToEncode() * model.visionPatchesPerImageToken();
            // The encoder runs data-parallel across the TP ranks (vLLM's --mm-encoder-tp-mode data).
            visionSeconds = 2 * patches * model.visionParams() / tp / visionFlopsPerSecond;
        }
        return new StepBreakdown(denseSeconds + lmHeadSeconds, moeSeconds, attentionSeconds, allReduceSeconds,
                overheadSeconds, visionSeconds);
    }

    /**
     * One kernel's time from its compute and memory times: the sharp roofline max(a, b), or with a
     * finite exponent p the rounded corner (a^p + b^p)^(1/p) (see {@link EfficiencyFactors#rooflineExponent}).
     */
    private double roof(double compute, double memory) {
        double p = f.rooflineExponent();
        if (p <= 0 || Double.isInfinite(p) || compute <= 0 || memory <= 0) {
            return Math.max(compute, memory);
        }
        double hi = Math.max(compute, memory);
        double lo = Math.min(compute, memory);
        return hi * Math.pow(1 + Math.pow(lo / hi, p), 1 / p);
    }

    /** Seconds of one step by cause. */
    public record StepBreakdown(double linearSeconds, double moeSeconds, double attentionSeconds,
                                double allReduceSeconds, double overheadSeconds, double visionSeconds) {
        public double totalSeconds() {
            return linearSeconds + moeSeconds + attentionSeconds + allReduceSeconds + overheadSeconds + visionSeconds;
        }
    }
}
