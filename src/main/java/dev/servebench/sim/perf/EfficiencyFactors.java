package dev.servebench.sim.perf;

/**
 * The achievable fractions and fixed costs that turn data-sheet peaks into step times, for one
 * (accelerator, kernel path). Each value comes from {@code perf-factors.json}, which says where
 * it comes from or how it was calibrated.
 *
 * @param hbmEfficiency          achievable fraction of data-sheet HBM bandwidth (streaming kernels)
 * @param linkEfficiency         achievable fraction of the scale-up link bandwidth in all-reduce
 * @param allReduceLatencyMicros fixed cost of one tensor-parallel all-reduce (launch + synchronisation)
 * @param stepOverheadMicros     per-step host cost: scheduling, input preparation, sampling, detokenisation
 * @param layerOverheadMicros    per-layer cost of small kernels (norms, rotary, activation, routing) and gaps
 * @param gemmEfficiency         achievable fraction of peak FLOP/s in the dense linear layers at the model's precision
 * @param moeEfficiency          FLOP/s of the fused-MoE grouped GEMMs relative to dense ones (their weight
 *                               streaming is bandwidth-bound like any other kernel's)
 * @param attentionEfficiency    achievable fraction of BF16 peak in attention's matmuls
 * @param sequenceLayerOverheadMicros per-sequence, per-layer cost of attention paths that handle
 *                               sequences one at a time (metadata building, per-request fallback kernels)
 * @param gemmBandwidthEfficiency fraction of the achievable HBM bandwidth the dense linear layers'
 *                               GEMMs reach when streaming weights at decode-sized batches (1 when the
 *                               kernels are tuned for skinny shapes)
 * @param moeBandwidthEfficiency fraction of the achievable HBM bandwidth the fused-MoE kernels reach
 *                               when streaming the weights of the experts a step touches
 * @param rooflineExponent       how a kernel's compute and memory times combine: (t_c^p + t_m^p)^(1/p);
 *                               0 (or infinity) for the sharp max(t_c, t_m). Finite p models the imperfect
 *                               overlap near the ridge point (tile quantisation, partial waves, both
 *                               pipes half-busy), which rounds the roofline's corner
 */
public record EfficiencyFactors(double hbmEfficiency, double linkEfficiency, double allReduceLatencyMicros,
                                double stepOverheadMicros, double layerOverheadMicros, double gemmEfficiency,
                                double moeEfficiency, double attentionEfficiency,
                                double sequenceLayerOverheadMicros, double gemmBandwidthEfficiency,
                                double moeBandwidthEfficiency, double rooflineExponent) {
    /** The factors with a sharp roofline (each kernel's time the larger of its compute and memory times). */
    public EfficiencyFactors(double hbmEfficiency, double linkEfficiency, double allReduceLatencyMicros,
                             double stepOverheadMicros, double layerOverheadMicros, double gemmEfficiency,
                             double moeEfficiency, double attentionEfficiency, double sequenceLayerOverheadMicros,
                             double gemmBandwidthEfficiency, double moeBandwidthEfficiency) {
        this(hbmEfficiency, linkEfficiency, allReduceLatencyMicros, stepOverheadMicros, layerOverheadMicros,
                gemmEfficiency, moeEfficiency, attentionEfficiency, sequenceLayerOverheadMicros,
                gemmBandwidthEfficiency, moeBandwidthEfficiency, 0);
    }

    public EfficiencyFactors {
        if (rooflineExponent < 0 || Double.isNaN(rooflineExponent)) {
            throw new IllegalArgumentException("roofline_exponent must be 0 (sharp) or positive, got " + rooflineExponent);
        }
        requireFraction(gemmBandwidthEfficiency, "gemm_bandwidth_efficiency");
        requireFraction(moeBandwidthEfficiency, "moe_bandwidth_efficiency");
        requireFraction(hbmEfficiency, "hbm_efficiency");
        requireFraction(linkEfficiency, "link_efficiency");
        requireFraction(gemmEfficiency, "gemm_efficiency");
        requireFraction(moeEfficiency, "moe_efficiency");
        requireFraction(attentionEfficiency, "attention_efficiency");
        if (allReduceLatencyMicros < 0 || stepOverheadMicros < 0 || layerOverheadMicros < 0
                || sequenceLayerOverheadMicros < 0) {
            throw new IllegalArgumentException("overheads must not be negative");
        }
    }

    private static void requireFraction(double v, String name) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + v);
        }
    }
}
