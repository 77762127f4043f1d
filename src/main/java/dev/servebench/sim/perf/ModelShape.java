package dev.servebench.sim.perf;

/**
 * The numbers of a model the step-time model needs, per whole model (not yet divided by tensor
 * parallelism). Built from {@code dev.servebench.model} by {@link ModelShapes}.
 *
 * @param layers                     decoder layers
 * @param hiddenSize                 residual width (all-reduce payload per token is hidden × 2 bytes)
 * @param attentionKind              how attention reads its cache
 * @param heads                      query heads
 * @param headDim                    per-head dimension (standard attention)
 * @param mlaLatentDim               MLA cached width per layer (kv_lora_rank + rope dim); 0 otherwise
 * @param mlaKvLoraRank              MLA latent rank (value width after absorption); 0 otherwise
 * @param sparseTopK                 tokens each query attends to under a sparse indexer; 0 for dense attention
 * @param denseParams                parameters every token multiplies (attention, dense MLPs, shared experts), lm_head excluded
 * @param denseBytes                 stored bytes of those parameters
 * @param routedExperts              experts per MoE layer; 0 for dense models
 * @param expertsPerToken            routed experts each token uses
 * @param moeLayers                  MoE layers
 * @param paramsPerExpert            parameters of one expert in one layer
 * @param bytesPerExpert             stored bytes of one expert in one layer
 * @param lmHeadParams               vocabulary projection parameters (run once per sampled token)
 * @param lmHeadBytes                their stored bytes
 * @param gemmPrecision              arithmetic the linear layers run at
 * @param visionParams               vision encoder parameters; 0 for text-only models
 * @param visionPatchesPerImageToken encoder patches behind one image token (spatial merge²)
 * @param slidingLayers              layers that attend only to the last {@code slidingWindow} tokens; 0 when none
 * @param slidingWindow              tokens a sliding layer attends to; 0 when no layer slides
 */
public record ModelShape(int layers, int hiddenSize, AttentionKind attentionKind, int heads, int headDim,
                         int mlaLatentDim, int mlaKvLoraRank, int sparseTopK, double denseParams, double denseBytes,
                         int routedExperts, int expertsPerToken, int moeLayers, double paramsPerExpert,
                         double bytesPerExpert, double lmHeadParams, double lmHeadBytes, GemmPrecision gemmPrecision,
                         double visionParams, int visionPatchesPerImageToken, int slidingLayers, int slidingWindow) {

    /** How attention reads the cache; decides the attention FLOPs per attended position. */
    public enum AttentionKind { STANDARD, MLA }

    /** The arithmetic the model's GEMMs use, which picks the accelerator's peak. */
    public enum GemmPrecision { BF16, FP8, INT4_WEIGHT_ONLY }

    public boolean isMoe() {
        return routedExperts > 0;
    }

    /** Active parameters per token: dense parts plus the routed experts one token uses. */
    public double activeParams() {
        return denseParams + (double) moeLayers * expertsPerToken * paramsPerExpert;
    }
}
