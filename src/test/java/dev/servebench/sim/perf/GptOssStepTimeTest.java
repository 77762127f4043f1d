package dev.servebench.sim.perf;

import dev.servebench.model.Accelerator;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.Component;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;
import dev.servebench.model.ParameterBreakdown;
import dev.servebench.model.ParameterCounter;
import dev.servebench.sim.engine.StepShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gpt-oss-120b (MXFP4 experts) and Llama-3.3-70B in the simulator on MI300X (CDNA 3, no FP4 arithmetic).
 * The bound is computed here from the published formats, not from the simulator's ModelShape: BF16 = 2 bytes
 * per parameter, MXFP4 = 4 bits + one 8-bit scale per 32 values = 4.25 bits = 0.53125 bytes.
 */
class GptOssStepTimeTest {

    private static final Accelerator MI300X = AcceleratorCatalogue.get("mi300x");
    private static final ModelConfig GPT_OSS = ModelCatalogue.load("gpt-oss-120b");
    private static final int CONTEXT = 1024;

    /**
     * Bytes one GPU must read for one decode step of one sequence: attention and router weights (BF16),
     * the 4 routed experts of each of 36 layers (MXFP4), lm_head (BF16), and the KV cache: 18 full layers
     * over the whole context, 18 sliding layers over at most 128 tokens, 2 x 8 KV heads x 64 x 2 bytes each.
     */
    private static double decodeBytesPerGpu(int tp) {
        ParameterBreakdown p = ParameterCounter.count(GPT_OSS.architecture());
        double bf16 = 2.0 * (p.total(Component.ATTENTION) + p.total(Component.KV_PROJECTION)
                + p.total(Component.ROUTER) + p.total(Component.LM_HEAD));
        double perExpertPerLayer = (double) p.total(Component.ROUTED_EXPERTS) / (128.0 * 36);
        double experts = 4 * 36 * perExpertPerLayer * 0.53125;
        double kvPerLayerPerToken = 2.0 * 8 * 64 * 2;
        double kv = kvPerLayerPerToken * (18.0 * (CONTEXT + 1) + 18.0 * 128);
        return (bf16 + experts + kv) / tp;
    }

    /**
     * The data-sheet roofline (bytes / 5.3 TB/s) is a hard floor; the model's weight-and-KV time must sit
     * above it and within 1.6x of it (its HBM efficiency is 0.8, i.e. 1.25x, plus kernel bandwidth factors).
     * With the experts at BF16 size instead of MXFP4 the ratio would be about 2.5x, so the test would fail;
     * at FP8 size, about 1.7x.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void decodeStepOnMi300xIsWithinTheMxfp4Roofline(int tp) {
        SimulatedDeployment d = SimulatedDeployment.of(GPT_OSS, MI300X, ServingOptions.defaults(tp));
        RooflineStepTimeModel.StepBreakdown b = d.stepTime().breakdown(StepShape.decodes(1, CONTEXT));
        double bound = decodeBytesPerGpu(tp) / (MI300X.bandwidthTbPerS() * 1e12);
        double memoryParts = b.linearSeconds() + b.moeSeconds() + b.attentionSeconds();
        assertThat(memoryParts / bound).as("weights+KV time / roofline at TP %d", tp).isBetween(1.0, 1.6);
        assertThat(b.totalSeconds()).isGreaterThan(bound);
        assertThat(d.stepTime().stepNanos(StepShape.decodes(1, CONTEXT))).isPositive();
        if (tp > 1) {
            assertThat(b.allReduceSeconds()).isPositive();
        }
    }

    @Test
    void expertBytesAreMxfp4AndTheMathRunsAtTheBf16Rate() {
        SimulatedDeployment d = SimulatedDeployment.of(GPT_OSS, MI300X, ServingOptions.defaults(1));
        ModelShape s = d.shape();
        assertThat(s.bytesPerExpert() / s.paramsPerExpert()).isEqualTo(0.53125);
        assertThat(s.denseBytes() / s.denseParams()).isEqualTo(2.0);
        assertThat(s.gemmPrecision()).isEqualTo(ModelShape.GemmPrecision.INT4_WEIGHT_ONLY);
        // A compute-bound prefill predicts exactly what the same model predicts at MI300X's BF16 peak,
        // and not what it would at the FP8 peak (CDNA 3 has no FP4 rate at all).
        StepShape prefill = StepShape.prefill(8192, 0, 0, 0);
        EfficiencyFactors f = PerfFactors.builtIn().factors(MI300X.id(), d.kernelPath(), s);
        double atBf16 = new RooflineStepTimeModel(s, 1, f, MI300X.bf16Tflops(), MI300X.bf16Tflops(),
                MI300X.bandwidthTbPerS(), MI300X.scaleUpGbPerS() / 2, d.kvBytesPerTokenPerGpu()).breakdown(prefill).totalSeconds();
        double atFp8 = new RooflineStepTimeModel(s, 1, f, MI300X.fp8Tflops(), MI300X.bf16Tflops(),
                MI300X.bandwidthTbPerS(), MI300X.scaleUpGbPerS() / 2, d.kvBytesPerTokenPerGpu()).breakdown(prefill).totalSeconds();
        assertThat(d.stepTime().breakdown(prefill).totalSeconds()).isEqualTo(atBf16).isGreaterThan(atFp8 * 1.2);
    }

    @Test
    void slidingLayersReadOnlyTheirWindow() {
        SimulatedDeployment d = SimulatedDeployment.of(GPT_OSS, MI300X, ServingOptions.defaults(1));
        assertThat(d.shape().slidingLayers()).isEqualTo(18);
        assertThat(d.shape().slidingWindow()).isEqualTo(128);
        // At batch 256 x 64k context attention is KV-bandwidth bound: about half the bytes of 36 full layers.
        RooflineStepTimeModel.StepBreakdown b = d.stepTime().breakdown(StepShape.decodes(256, 65_536));
        double allLayers = 256.0 * 65_537 * d.kvBytesPerTokenPerGpu() / (MI300X.bandwidthTbPerS() * 1e12 * 0.8);
        assertThat(b.attentionSeconds() / allLayers).isBetween(0.49, 0.52);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void llama33DeploysOnMi300xAtBf16(int tp) {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("llama-3.3-70b-instruct"), MI300X,
                ServingOptions.defaults(tp));
        assertThat(d.shape().gemmPrecision()).isEqualTo(ModelShape.GemmPrecision.BF16);
        assertThat(d.engineConfig().kvBlocks()).isPositive();
        // 70.55 B BF16 parameters less the 1.05 B input embedding (a lookup) stream from HBM every decode
        // step: at least 139 GB / TP / 5.3 TB/s.
        double bound = (70.55e9 - 128_256.0 * 8192) * 2 / tp / (MI300X.bandwidthTbPerS() * 1e12);
        RooflineStepTimeModel.StepBreakdown b = d.stepTime().breakdown(StepShape.decodes(1, CONTEXT));
        assertThat((b.linearSeconds() + b.attentionSeconds()) / bound).isBetween(1.0, 1.6);
    }
}
