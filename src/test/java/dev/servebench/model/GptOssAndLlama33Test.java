package dev.servebench.model;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The two catalogue models of the llm-d methodology (SPEC.md section 7). Published figures:
 * gpt-oss-120b: OpenAI, "gpt-oss-120b & gpt-oss-20b Model Card" (arXiv:2508.10925), table 1: 116.83 B total,
 * 5.13 B active parameters, checkpoint 60.8 GiB (= 65.3 GB; vLLM's gpt-oss blog rounds it to "63 GB").
 * Llama-3.3-70B-Instruct: Hugging Face model page (safetensors metadata), 70.6 B parameters.
 */
class GptOssAndLlama33Test {

    private static final ModelArchitecture GPT_OSS = ModelCatalogue.load("gpt-oss-120b").architecture();
    private static final ModelArchitecture LLAMA = ModelCatalogue.load("llama-3.3-70b-instruct").architecture();

    @Test
    void gptOssConfigParses() {
        assertThat(GPT_OSS.modelType()).isEqualTo("gpt_oss");
        assertThat(GPT_OSS.attention().kind()).isEqualTo(AttentionKind.GQA);
        assertThat(GPT_OSS.attention().heads()).isEqualTo(64);
        assertThat(GPT_OSS.attention().kvHeads()).isEqualTo(8);
        assertThat(GPT_OSS.attention().headDim()).isEqualTo(64);
        MoeSpec moe = GPT_OSS.moe().orElseThrow();
        assertThat(moe.routedExperts()).isEqualTo(128);
        assertThat(moe.expertsPerToken()).isEqualTo(4);
        assertThat(moe.sharedExperts()).isZero();
        assertThat(moe.expertIntermediateSize()).isEqualTo(2880);
        assertThat(moe.moeLayers()).isEqualTo(36);
        assertThat(GPT_OSS.denseLayers()).isZero();
        // layer_types is the two-entry pattern, repeated over 36 layers.
        assertThat(GPT_OSS.slidingWindow()).contains(new SlidingWindow(128, 18));
        assertThat(GPT_OSS.fullAttentionLayers()).isEqualTo(18);
        assertThat(GPT_OSS.attentionSinks()).isTrue();
        assertThat(GPT_OSS.quantization()).isEqualTo(new CheckpointQuantization.Mxfp4(List.of("model.layers.*.self_attn",
                "model.layers.*.mlp.router", "model.embed_tokens", "lm_head")));
        assertThat(LLAMA.slidingWindow()).isEmpty();
        assertThat(LLAMA.attentionSinks()).isFalse();
    }

    @Test
    void mxfp4CoversOnlyTheExperts() {
        CheckpointQuantization q = GPT_OSS.quantization();
        // 4-bit values + one 8-bit E8M0 scale per 32 values = 4.25 bits.
        assertThat(q.quantizedBytesPerParam() * 8).isEqualTo(4.25);
        assertThat(q.quantizes("model.layers.3.mlp.experts.gate_up_proj")).isTrue();
        assertThat(q.quantizes(Component.ROUTED_EXPERTS.moduleName())).isTrue();
        assertThat(q.quantizes("model.layers.3.self_attn.q_proj")).isFalse();
        assertThat(q.quantizes("model.layers.3.mlp.router")).isFalse();
        assertThat(q.quantizes("lm_head")).isFalse();
        for (Component c : new Component[]{Component.ATTENTION, Component.KV_PROJECTION, Component.ROUTER,
                Component.EMBEDDING, Component.LM_HEAD, Component.NORMS}) {
            assertThat(WeightMemory.bytesPerParam(GPT_OSS, c, OnlineQuantization.NONE)).as(c.name()).isEqualTo(2.0);
        }
        assertThat(WeightMemory.bytesPerParam(GPT_OSS, Component.ROUTED_EXPERTS, OnlineQuantization.NONE)).isEqualTo(0.53125);
        // A glob in modules_to_not_convert that covers the experts leaves them BF16.
        var noExperts = new CheckpointQuantization.Mxfp4(List.of("model.layers.*.mlp"));
        assertThat(noExperts.quantizes("model.layers.3.mlp.experts.down_proj")).isFalse();
        assertThat(noExperts.quantizes("model.layers.3.mlpx.experts.down_proj")).isTrue();
    }

    /**
     * Tolerances: the published counts have two decimals (0.005 B: 0.004 % of 116.83, 0.1 % of 5.13). The
     * counter leaves out gpt-oss's biases (q/k/v/o and per-expert: about 40 M) and attention sinks (64 per
     * layer), 0.03 % of the total; so 0.1 % for totals and 0.3 % for active.
     */
    @Test
    void parameterCountsMatchThePublishedFigures() {
        ParameterBreakdown oss = ParameterCounter.count(GPT_OSS);
        assertThat(oss.totalBillions()).isCloseTo(116.83, withinPercentage(0.1));
        assertThat(oss.activeBillions()).isCloseTo(5.13, withinPercentage(0.3));
        ParameterBreakdown llama = ParameterCounter.count(LLAMA);
        assertThat(llama.totalBillions()).isCloseTo(70.6, withinPercentage(0.2));
        // The exact safetensors count; the counter adds 2 x head_dim per layer for Qwen3-style q/k norms
        // (80 x 256 = 20,480) that Llama does not have.
        assertThat(llama.totalParams()).isCloseTo(70_553_706_496L, within(20_480L));
    }

    /** Model card: 60.8 GiB; within 1 % (the missing ~40 M BF16 biases are 0.08 GB). */
    @Test
    void gptOssCheckpointIsAboutSixtyOneGib() {
        WeightFootprint w = WeightMemory.perGpu(GPT_OSS, OnlineQuantization.NONE, 1, false, MemoryCalibration.defaults());
        assertThat(w.residentGibPerGpu()).isCloseTo(60.8, withinPercentage(1));
        assertThat(w.residentBytesPerGpu() / 1e9).isBetween(61.0, 66.0);
        // Llama-3.3-70B BF16: 2 bytes x 70.55 B = 141.1 GB.
        assertThat(WeightMemory.perGpu(LLAMA, OnlineQuantization.NONE, 1, false, MemoryCalibration.defaults())
                .residentBytesPerGpu()).isCloseTo(2L * 70_553_706_496L, within(2L * 20_480));
    }

    @Test
    void kvBytesCountEveryLayerButSequencesHoldOnlyTheWindowInSlidingLayers() {
        // 36 layers x 2 (K, V) x 8 KV heads x 64 x 2 bytes; at TP 8 one KV head per GPU.
        assertThat(KvCacheSize.bytesPerTokenPerGpu(GPT_OSS, 1, KvCacheDtype.AUTO)).isEqualTo(36L * 2 * 8 * 64 * 2);
        assertThat(KvCacheSize.bytesPerTokenPerGpu(GPT_OSS, 8, KvCacheDtype.AUTO)).isEqualTo(36L * 2 * 64 * 2);
        assertThat(KvCacheSize.fullAttentionBytesPerTokenPerGpu(GPT_OSS, 1, KvCacheDtype.AUTO)).isEqualTo(18L * 2048);
        // A 2048-token sequence at block 16: 18 full layers x 2048 tokens + 18 sliding layers x 144 tokens
        // (ceil(127 / 16) + 1 = 9 blocks), 2048 bytes per layer per token.
        assertThat(KvCacheSize.bytesPerSequencePerGpu(GPT_OSS, 1, KvCacheDtype.AUTO, 2048, 16))
                .isEqualTo(18L * 2048 * 2048 + 18L * 144 * 2048);
        // Shorter than the window: every layer holds every token.
        assertThat(KvCacheSize.bytesPerSequencePerGpu(GPT_OSS, 1, KvCacheDtype.AUTO, 100, 16))
                .isEqualTo(100L * 36 * 2048);
        // Llama: no sliding layers, so per sequence = tokens x per token. 80 x 2 x 8 x 128 x 2 bytes.
        assertThat(KvCacheSize.bytesPerTokenPerGpu(LLAMA, 1, KvCacheDtype.AUTO)).isEqualTo(327_680);
        assertThat(KvCacheSize.bytesPerSequencePerGpu(LLAMA, 8, KvCacheDtype.FP8, 4096, 16)).isEqualTo(4096L * 20_480);
    }

    @Test
    void layerTypesThatDoNotFitTheLayersAreRejected() {
        String base = """
                {"hidden_size": 256, "num_hidden_layers": 6, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "intermediate_size": 512, "vocab_size": 1000, %s}""";
        assertThatThrownBy(() -> ModelConfig.parse("t", base.formatted(
                "\"sliding_window\": 64, \"layer_types\": [\"sliding_attention\", \"full_attention\", \"full_attention\", \"full_attention\"]")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("layer_types has 4 entries for 6 layers");
        assertThatThrownBy(() -> ModelConfig.parse("t", base.formatted(
                "\"sliding_window\": 64, \"layer_types\": [\"chunked_attention\", \"full_attention\"]")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("chunked_attention");
        assertThatThrownBy(() -> ModelConfig.parse("t", base.formatted(
                "\"layer_types\": [\"sliding_attention\", \"full_attention\"]")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sliding_window is missing");
        ModelArchitecture explicit = ModelConfig.parse("t", base.formatted("\"sliding_window\": 64, \"layer_types\": "
                + "[\"sliding_attention\", \"sliding_attention\", \"full_attention\", \"sliding_attention\", "
                + "\"full_attention\", \"full_attention\"]")).architecture();
        assertThat(explicit.slidingWindow()).contains(new SlidingWindow(64, 3));
        // sliding_window without layer_types (Qwen-style, use_sliding_window false) changes nothing.
        assertThat(ModelConfig.parse("t", base.formatted("\"sliding_window\": 4096")).architecture().slidingWindow()).isEmpty();
    }
}
