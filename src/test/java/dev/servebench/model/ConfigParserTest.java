package dev.servebench.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {

    private static ModelArchitecture arch(String name) {
        return ModelCatalogue.load(name).architecture();
    }

    private static ModelArchitecture inline(String json) {
        return ModelConfig.parse("inline", json).architecture();
    }

    @Test
    void classifiesTheFiveCatalogueModels() {
        assertThat(arch("deepseek-v3.2").attention().kind()).isEqualTo(AttentionKind.SPARSE_MLA);
        assertThat(arch("kimi-k2.5").attention().kind()).isEqualTo(AttentionKind.MLA);
        assertThat(arch("llama-3.1-405b").attention().kind()).isEqualTo(AttentionKind.GQA);
        assertThat(arch("qwen3-235b-a22b").attention().kind()).isEqualTo(AttentionKind.GQA);
        assertThat(arch("qwen3-vl-235b-a22b").attention().kind()).isEqualTo(AttentionKind.GQA);

        assertThat(arch("deepseek-v3.2").family()).isEqualTo("MoE+MLA");
        assertThat(arch("kimi-k2.5").family()).isEqualTo("MoE+MLA+Vision");
        assertThat(arch("llama-3.1-405b").family()).isEqualTo("Dense+GQA");
        assertThat(arch("qwen3-235b-a22b").family()).isEqualTo("MoE+GQA");
        assertThat(arch("qwen3-vl-235b-a22b").family()).isEqualTo("MoE+GQA+Vision");
    }

    @Test
    void mlaIsDetectedBeforeComparingKvHeads() {
        // MLA configs repeat the query head count as KV heads; read naively they would look like MHA.
        ModelArchitecture kimi = arch("kimi-k2.5");
        assertThat(kimi.attention().kvHeads()).isEqualTo(kimi.attention().heads());
        assertThat(kimi.attention().kind()).isEqualTo(AttentionKind.MLA);
        assertThat(kimi.attention().mla().orElseThrow().cachedValuesPerTokenPerLayer()).isEqualTo(576);
    }

    @Test
    void headDimFieldWinsOverHiddenOverHeads() {
        ModelArchitecture qwen = arch("qwen3-235b-a22b");
        assertThat(qwen.hiddenSize() / qwen.attention().heads()).isEqualTo(64);
        assertThat(qwen.attention().headDim()).isEqualTo(128);
        assertThat(inline("""
                {"hidden_size": 4096, "num_hidden_layers": 2, "num_attention_heads": 32, "vocab_size": 100}""")
                .attention().headDim()).isEqualTo(128);
    }

    @Test
    void mqaGqaAndMhaFollowKvHeads() {
        String base = "\"hidden_size\": 1024, \"num_hidden_layers\": 2, \"num_attention_heads\": 16, \"vocab_size\": 100";
        assertThat(inline("{" + base + ", \"num_key_value_heads\": 1}").attention().kind()).isEqualTo(AttentionKind.MQA);
        assertThat(inline("{" + base + ", \"num_key_value_heads\": 4}").attention().kind()).isEqualTo(AttentionKind.GQA);
        assertThat(inline("{" + base + ", \"num_key_value_heads\": 16}").attention().kind()).isEqualTo(AttentionKind.MHA);
        assertThat(inline("{" + base + "}").attention().kind()).isEqualTo(AttentionKind.MHA);
    }

    @Test
    void readsMoeLayoutFromEachNamingScheme() {
        MoeSpec ds = arch("deepseek-v3.2").moe().orElseThrow();
        assertThat(ds.routedExperts()).isEqualTo(256);
        assertThat(ds.expertsPerToken()).isEqualTo(8);
        assertThat(ds.sharedExperts()).isEqualTo(1);
        assertThat(ds.moeLayers()).isEqualTo(58); // 61 layers, first 3 dense
        assertThat(arch("kimi-k2.5").moe().orElseThrow().moeLayers()).isEqualTo(60);

        MoeSpec qwen = arch("qwen3-235b-a22b").moe().orElseThrow();
        assertThat(qwen.routedExperts()).isEqualTo(128);
        assertThat(qwen.sharedExperts()).isZero();
        assertThat(qwen.moeLayers()).isEqualTo(94);

        MoeSpec mixtral = inline("""
                {"hidden_size": 4096, "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
                 "vocab_size": 32000, "intermediate_size": 14336, "num_local_experts": 8, "experts_per_token": 2}""")
                .moe().orElseThrow();
        assertThat(mixtral.routedExperts()).isEqualTo(8);
        assertThat(mixtral.expertsPerToken()).isEqualTo(2);
        assertThat(mixtral.expertIntermediateSize()).isEqualTo(14336);

        assertThat(inline("""
                {"hidden_size": 64, "num_hidden_layers": 8, "num_attention_heads": 4, "vocab_size": 10,
                 "moe_intermediate_size": 32, "num_experts": 4, "num_experts_per_tok": 1,
                 "decoder_sparse_step": 2, "mlp_only_layers": [1]}""").moe().orElseThrow().moeLayers())
                .as("layers 3, 5, 7 are MoE: step 2 picks 1,3,5,7 and layer 1 is forced dense").isEqualTo(3);
        assertThat(arch("llama-3.1-405b").isMoe()).isFalse();
    }

    @Test
    void readsVisionEncodersOfBothLayouts() {
        VisionEncoder qwen = arch("qwen3-vl-235b-a22b").vision().orElseThrow();
        assertThat(qwen.layers()).isEqualTo(27);
        assertThat(qwen.intermediateSize()).isEqualTo(4304);
        assertThat(qwen.heads()).isEqualTo(16);
        assertThat(qwen.extraMergers()).isEqualTo(3);
        VisionEncoder kimi = arch("kimi-k2.5").vision().orElseThrow();
        assertThat(kimi.layers()).isEqualTo(27);
        assertThat(kimi.hiddenSize()).isEqualTo(1152);
        assertThat(arch("deepseek-v3.2").hasVision()).isFalse();
    }

    @Test
    void readsCheckpointQuantization() {
        assertThat(arch("deepseek-v3.2").quantization()).isEqualTo(new CheckpointQuantization.BlockFp8(128, 128));
        CheckpointQuantization kimi = arch("kimi-k2.5").quantization();
        assertThat(kimi).isInstanceOf(CheckpointQuantization.IntGroup.class);
        assertThat(kimi.quantizedBytesPerParam()).isEqualTo(0.5625);
        assertThat(kimi.quantizes(Component.ROUTED_EXPERTS.moduleName())).isTrue();
        assertThat(kimi.quantizes(Component.ATTENTION.moduleName())).as("re:.*self_attn.* ignored").isFalse();
        assertThat(kimi.quantizes(Component.SHARED_EXPERTS.moduleName())).isFalse();
        assertThat(kimi.quantizes("lm_head")).isFalse();
        assertThat(arch("kimi-k2.5").quantizationCoversVision()).as("config lives in text_config").isFalse();
        assertThat(arch("llama-3.1-405b").quantization()).isEqualTo(CheckpointQuantization.Unquantized.BF16);
        assertThat(new CheckpointQuantization.Mxfp4().quantizedBytesPerParam()).isEqualTo(0.53125);
        assertThat(inline("""
                {"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 10,
                 "quantization_config": {"quant_method": "mxfp4"}}""").quantization()).isInstanceOf(CheckpointQuantization.Mxfp4.class);
    }

    @Test
    void badConfigsGiveOneLineErrors() {
        assertThatThrownBy(() -> inline("{\"hidden_size\": 64}"))
                .hasMessage("config.json lacks required field 'num_hidden_layers'");
        assertThatThrownBy(() -> inline("""
                {"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 10,
                 "quantization_config": {"quant_method": "gguf"}}"""))
                .hasMessageStartingWith("unsupported quantization_config.quant_method 'gguf'; supported:");
        assertThatThrownBy(() -> inline("""
                {"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 6, "num_key_value_heads": 4, "vocab_size": 10}"""))
                .hasMessage("num_key_value_heads 4 must divide num_attention_heads 6");
        assertThatThrownBy(() -> ModelConfig.parse("x", "{not json"))
                .hasMessageStartingWith("x: not valid JSON");
    }
}
