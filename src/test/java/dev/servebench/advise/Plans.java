package dev.servebench.advise;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;

/** Test helpers: build requests and plans tersely. */
final class Plans {

    private Plans() {
    }

    static AdviseRequest request(String model, String gpu) {
        return AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8);
    }

    static DeploymentPlan plan(String model, String gpu) {
        return Advisor.plan(request(model, gpu));
    }

    static DeploymentPlan plan(String model, String gpu, String version) {
        return Advisor.plan(request(model, gpu).withVersion(VllmVersion.parse(version)));
    }

    static AdviseRequest inline(String json, String gpu, int gpus) {
        return AdviseRequest.of(ModelConfig.parse("synthetic", json), AcceleratorCatalogue.get(gpu), gpus);
    }

    /** A small dense GQA model: 32 heads, 8 KV heads, hidden 4096, 8 layers. */
    static final String SMALL_GQA = """
            {"hidden_size": 4096, "num_hidden_layers": 8, "num_attention_heads": 32, "num_key_value_heads": 8,
             "head_dim": 128, "intermediate_size": 14336, "vocab_size": 32000, "max_position_embeddings": 65536}""";

    /** A small DeepSeek-style MoE with dense MLA; heads are filled in per test. */
    static String smallMla(int heads, String extra) {
        return """
                {"hidden_size": 2048, "num_hidden_layers": 8, "num_attention_heads": %d, "num_key_value_heads": %d,
                 "q_lora_rank": 512, "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64,
                 "v_head_dim": 128, "intermediate_size": 8192, "moe_intermediate_size": 1024, "n_routed_experts": 64,
                 "num_experts_per_tok": 4, "n_shared_experts": 1, "first_k_dense_replace": 1, "vocab_size": 32000,
                 "max_position_embeddings": 65536%s}""".formatted(heads, heads, extra);
    }
}
