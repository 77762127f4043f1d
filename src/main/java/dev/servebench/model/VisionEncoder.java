package dev.servebench.model;

/**
 * A ViT-style vision encoder and the projector that maps its patches into the language model.
 *
 * @param layers transformer blocks ({@code depth}, {@code vt_num_hidden_layers} or {@code num_hidden_layers})
 * @param hiddenSize encoder width
 * @param intermediateSize encoder MLP width; must be divisible by 128 for block-FP8 (rule C7)
 * @param heads encoder attention heads
 * @param patchSize image patch edge in pixels
 * @param temporalPatchSize frames folded into one patch (video-capable encoders), 1 otherwise
 * @param spatialMergeSize patches merged per side before projection
 * @param outHiddenSize width the projector emits (the language model's hidden size)
 * @param extraMergers additional projector copies (Qwen3-VL's DeepStack feature taps)
 */
public record VisionEncoder(int layers, int hiddenSize, int intermediateSize, int heads, int patchSize,
                            int temporalPatchSize, int spatialMergeSize, int outHiddenSize, int extraMergers) {
}
