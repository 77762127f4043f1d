package dev.servebench.model;

import dev.servebench.BadInputException;
import java.util.List;
import java.util.Optional;

/**
 * Everything servebench needs to know about a model's shape, derived from its {@code config.json}.
 * Shared by the advisor and the simulator so both reason about the same numbers.
 *
 * @param modelType {@code model_type} of the language model
 * @param architectures {@code architectures} of the top-level config
 * @param hiddenSize language-model width
 * @param denseIntermediateSize MLP width of dense layers ({@code intermediate_size})
 * @param layers decoder layers ({@code num_hidden_layers})
 * @param vocabSize vocabulary size
 * @param maxPositionEmbeddings longest context the model was trained for
 * @param tieWordEmbeddings whether lm_head shares the embedding matrix
 * @param attention the attention block
 * @param moe mixture-of-experts layout, empty for dense models
 * @param vision vision encoder, empty for text-only models
 * @param mtpLayers multi-token-prediction layers in the checkpoint ({@code num_nextn_predict_layers})
 * @param quantization how the checkpoint stores its weights
 * @param quantizationCoversVision whether {@code quantization_config} applies to the vision encoder
 *        (false when it lives under {@code text_config})
 * @param slidingWindow layers attending to a window of recent tokens only ({@code layer_types}), empty when
 *        every layer attends to the whole context
 * @param attentionSinks whether attention has learned per-head sink logits (gpt-oss); kernels must support them
 */
public record ModelArchitecture(String modelType, List<String> architectures, int hiddenSize,
                                int denseIntermediateSize, int layers, int vocabSize, int maxPositionEmbeddings,
                                boolean tieWordEmbeddings, Attention attention, Optional<MoeSpec> moe,
                                Optional<VisionEncoder> vision, int mtpLayers, CheckpointQuantization quantization,
                                boolean quantizationCoversVision, Optional<SlidingWindow> slidingWindow,
                                boolean attentionSinks) {
    public ModelArchitecture {
        architectures = List.copyOf(architectures);
        if (hiddenSize <= 0 || layers <= 0 || vocabSize <= 0) {
            throw new BadInputException("config needs positive hidden_size, num_hidden_layers and vocab_size");
        }
        if (moe.isPresent() && moe.get().moeLayers() > layers) {
            throw new BadInputException("more MoE layers than decoder layers");
        }
        if (slidingWindow.isPresent() && slidingWindow.get().slidingLayers() > layers) {
            throw new BadInputException("more sliding-window layers than decoder layers");
        }
    }

    /** Every layer attends to the whole context and has no sinks (the shape before sliding windows were modelled). */
    public ModelArchitecture(String modelType, List<String> architectures, int hiddenSize, int denseIntermediateSize,
                             int layers, int vocabSize, int maxPositionEmbeddings, boolean tieWordEmbeddings,
                             Attention attention, Optional<MoeSpec> moe, Optional<VisionEncoder> vision, int mtpLayers,
                             CheckpointQuantization quantization, boolean quantizationCoversVision) {
        this(modelType, architectures, hiddenSize, denseIntermediateSize, layers, vocabSize, maxPositionEmbeddings,
                tieWordEmbeddings, attention, moe, vision, mtpLayers, quantization, quantizationCoversVision,
                Optional.empty(), false);
    }

    /** Layers that cache every token of the context: all of them unless some slide. */
    public int fullAttentionLayers() {
        return layers - slidingWindow.map(SlidingWindow::slidingLayers).orElse(0);
    }

    public boolean isMoe() {
        return moe.isPresent();
    }

    public boolean hasVision() {
        return vision.isPresent();
    }

    public int denseLayers() {
        return layers - moe.map(MoeSpec::moeLayers).orElse(0);
    }

    /**
     * DeepSeek V2/V3-style MoE (latent attention plus grouped fused MoE): Kimi K2 and GLM-5 share it.
     * Rule C10's VSKIP workaround targets this kernel family.
     */
    public boolean isDeepseekFamilyMoe() {
        return isMoe() && attention.kind().isMla();
    }

    /** "MoE+MLA", "Dense+GQA", ... as the study labels families. */
    public String family() {
        String attn = attention.kind() == AttentionKind.SPARSE_MLA ? "MLA" : attention.kind().name();
        return (isMoe() ? "MoE" : "Dense") + "+" + attn + (hasVision() ? "+Vision" : "");
    }
}
