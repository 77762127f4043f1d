package dev.servebench.sim.perf;

import dev.servebench.model.Component;
import dev.servebench.model.ModelArchitecture;
import dev.servebench.model.MoeSpec;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.model.ParameterBreakdown;
import dev.servebench.model.ParameterCounter;
import dev.servebench.model.SlidingWindow;
import dev.servebench.model.SparseIndexer;
import dev.servebench.model.VisionEncoder;
import dev.servebench.model.WeightMemory;

import java.util.EnumSet;
import java.util.Set;

/** Derives a {@link ModelShape} from the shared model description. */
public final class ModelShapes {
    /** Components every token's matmuls use (embedding lookups, norms and the MTP module cost no GEMM time). */
    private static final Set<Component> DENSE = EnumSet.of(Component.ATTENTION, Component.KV_PROJECTION,
            Component.ATTENTION_DOWN, Component.INDEXER, Component.DENSE_MLP, Component.SHARED_EXPERTS,
            Component.ROUTER);

    private ModelShapes() {
    }

    public static ModelShape of(ModelArchitecture m, OnlineQuantization online) {
        ParameterBreakdown p = ParameterCounter.count(m);
        double denseParams = 0;
        double denseBytes = 0;
        for (Component c : DENSE) {
            long n = p.total(c);
            denseParams += n;
            denseBytes += n * WeightMemory.bytesPerParam(m, c, online);
        }
        int experts = 0;
        int perToken = 0;
        int moeLayers = 0;
        double paramsPerExpert = 0;
        double bytesPerExpert = 0;
        if (m.moe().isPresent()) {
            MoeSpec moe = m.moe().get();
            experts = moe.routedExperts();
            perToken = moe.expertsPerToken();
            moeLayers = moe.moeLayers();
            paramsPerExpert = (double) p.total(Component.ROUTED_EXPERTS) / ((double) experts * moeLayers);
            bytesPerExpert = paramsPerExpert * WeightMemory.bytesPerParam(m, Component.ROUTED_EXPERTS, online);
        }
        double lmHeadParams = p.active().getOrDefault(Component.LM_HEAD, 0L);
        double lmHeadBytes = lmHeadParams * WeightMemory.bytesPerParam(m, Component.LM_HEAD, online);
        var a = m.attention();
        boolean mla = a.kind().isMla();
        return new ModelShape(m.layers(), m.hiddenSize(),
                mla ? ModelShape.AttentionKind.MLA : ModelShape.AttentionKind.STANDARD,
                a.heads(), a.headDim(),
                mla ? a.mla().orElseThrow().cachedValuesPerTokenPerLayer() : 0,
                mla ? a.mla().orElseThrow().kvLoraRank() : 0,
                a.indexer().map(SparseIndexer::topK).orElse(0),
                denseParams, denseBytes, experts, perToken, moeLayers, paramsPerExpert, bytesPerExpert,
                lmHeadParams, lmHeadBytes, precision(m, online),
                p.total(Component.VISION),
                m.vision().map(ModelShapes::patchesPerToken).orElse(1),
                m.slidingWindow().map(SlidingWindow::slidingLayers).orElse(0),
                m.slidingWindow().map(SlidingWindow::window).orElse(0));
    }

    private static int patchesPerToken(VisionEncoder v) {
        int merge = Math.max(1, v.spatialMergeSize());
        return merge * merge;
    }

    private static ModelShape.GemmPrecision precision(ModelArchitecture m, OnlineQuantization online) {
        if (online != OnlineQuantization.NONE || m.quantization().isFp8()) {
            return ModelShape.GemmPrecision.FP8;
        }
        if (m.quantization().isFourBit()) {
            // Weight-only 4-bit: weights are dequantised in the kernel, the arithmetic runs in BF16. This holds for
            // MXFP4 on CDNA 3 and Hopper (vLLM's Triton MoE path); CDNA 4 / Blackwell could run native FP4, which
            // is not modelled here (the BF16 rate is the conservative bound there).
            return ModelShape.GemmPrecision.INT4_WEIGHT_ONLY;
        }
        return ModelShape.GemmPrecision.BF16;
    }
}
