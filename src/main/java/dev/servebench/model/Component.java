package dev.servebench.model;

/**
 * Parameter groups of a model, each with a representative checkpoint module name so that
 * quantization ignore-lists ({@code re:.*self_attn.*}) can be matched against it.
 */
public enum Component {
    EMBEDDING("model.embed_tokens", false),
    LM_HEAD("lm_head", true),
    /** Query and output projections, and MLA's up-projections (sharded across TP ranks). */
    ATTENTION("model.layers.1.self_attn.o_proj", true),
    /** Standard attention's K and V projections (replicated once TP exceeds the KV heads, rule C2). */
    KV_PROJECTION("model.layers.1.self_attn.k_proj", true),
    /** MLA's q_a/kv_a down-projections, which vLLM replicates on every rank. */
    ATTENTION_DOWN("model.layers.1.self_attn.q_a_proj", true),
    /** DeepSeek V3.2's sparse indexer (replicated on every rank in vLLM). */
    INDEXER("model.layers.1.self_attn.indexer.wq_b", true),
    DENSE_MLP("model.layers.0.mlp.down_proj", true),
    ROUTED_EXPERTS("model.layers.1.mlp.experts.0.down_proj", true),
    SHARED_EXPERTS("model.layers.1.mlp.shared_experts.down_proj", true),
    /** Expert router; vLLM builds it without a quant method, so it stays in the checkpoint dtype. */
    ROUTER("model.layers.1.mlp.gate", false),
    NORMS("model.norm", false),
    VISION("vision_tower.blocks.0.mlp.fc1", true),
    /** Multi-token-prediction module: stored in the checkpoint, loaded by vLLM only for speculative decoding. */
    MTP("model.layers.61.mlp.experts.0.down_proj", true);

    private final String moduleName;
    private final boolean quantizable;

    Component(String moduleName, boolean quantizable) {
        this.moduleName = moduleName;
        this.quantizable = quantizable;
    }

    public String moduleName() {
        return moduleName;
    }

    /** Linear layers a weight-quantization scheme may cover. */
    public boolean quantizable() {
        return quantizable;
    }
}
