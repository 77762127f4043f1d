package dev.servebench.model;

import dev.servebench.BadInputException;
import java.util.EnumMap;
import java.util.Map;

/** Derives parameter counts from a {@link ModelArchitecture}; no published figure is looked up. */
public final class ParameterCounter {

    private ParameterCounter() {
    }

    /** More parameters than this (a thousand times the largest published models) is a mistyped config. */
    static final double MAX_PARAMETERS = 1e15;

    public static ParameterBreakdown count(ModelArchitecture m) {
        requirePlausible(m);
        Map<Component, Long> total = new EnumMap<>(Component.class);
        Map<Component, Long> active = new EnumMap<>(Component.class);
        long h = m.hiddenSize();
        long embedding = (long) m.vocabSize() * h;

        total.put(Component.EMBEDDING, embedding);
        total.put(Component.LM_HEAD, m.tieWordEmbeddings() ? 0L : embedding);
        // A tied head still runs its matmul for every token.
        active.put(Component.LM_HEAD, embedding);

        LayerParams layer = perLayer(m);
        put(total, active, Component.ATTENTION, layer.attention * m.layers());
        put(total, active, Component.KV_PROJECTION, layer.kvProjection * m.layers());
        put(total, active, Component.ATTENTION_DOWN, layer.attentionDown * m.layers());
        put(total, active, Component.INDEXER, layer.indexer * m.layers());
        put(total, active, Component.NORMS, layer.norms * m.layers() + h);
        put(total, active, Component.DENSE_MLP, 3L * h * m.denseIntermediateSize() * m.denseLayers());

        m.moe().ifPresent(moe -> {
            long perExpert = 3L * h * moe.expertIntermediateSize();
            long routed = perExpert * moe.routedExperts() * moe.moeLayers();
            total.put(Component.ROUTED_EXPERTS, routed);
            active.put(Component.ROUTED_EXPERTS, perExpert * moe.expertsPerToken() * moe.moeLayers());
            put(total, active, Component.SHARED_EXPERTS, 3L * h * moe.sharedIntermediateSize() * moe.moeLayers());
            // Router weights plus DeepSeek's per-expert score-correction bias.
            put(total, active, Component.ROUTER, (h + 1) * moe.routedExperts() * moe.moeLayers());
        });

        m.vision().ifPresent(v -> put(total, active, Component.VISION, visionParams(v)));

        if (m.mtpLayers() > 0) {
            long ffn = m.moe().map(moe -> 3L * h * ((long) moe.expertIntermediateSize() * moe.routedExperts()
                            + moe.sharedIntermediateSize()) + (h + 1) * moe.routedExperts())
                    .orElse(3L * h * m.denseIntermediateSize());
            long decoderLayer = layer.attention + layer.kvProjection + layer.attentionDown + layer.indexer + layer.norms + ffn;
            // DeepSeek's MTP block: a decoder layer, the 2h->h projection, three norms, and its own
            // copies of the embedding and output head, all stored in the published checkpoint.
            long perMtp = decoderLayer + 2L * h * h + 3L * h + 2L * embedding;
            total.put(Component.MTP, perMtp * m.mtpLayers());
        }
        return new ParameterBreakdown(total, active);
    }

    private static void put(Map<Component, Long> total, Map<Component, Long> active, Component c, long params) {
        total.put(c, params);
        active.put(c, params);
    }

    /**
     * The largest terms estimated in floating point, which cannot overflow, before the exact count
     * in longs, which could: dimensions each within bounds can still multiply past 2^63.
     */
    private static void requirePlausible(ModelArchitecture m) {
        double h = m.hiddenSize();
        double layers = m.layers();
        double mlp = 3 * h * m.denseIntermediateSize() * layers;
        double experts = m.moe().map(moe -> 3 * h * (double) moe.expertIntermediateSize() * moe.routedExperts()
                * layers).orElse(0.0);
        double attention = 4 * h * (double) m.attention().heads() * Math.max(1, h / Math.max(1, m.attention().heads()))
                * layers;
        double estimate = mlp + experts + attention + 2 * h * m.vocabSize();
        if (!(estimate <= MAX_PARAMETERS)) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "config.json describes about %.1e "
                    + "parameters, more than any model could have; check hidden_size, intermediate_size and "
                    + "num_hidden_layers", estimate));
        }
    }

    /** Parameters of one decoder layer's attention, by component. */
    record LayerParams(long attention, long kvProjection, long attentionDown, long indexer, long norms) {
    }

    static LayerParams perLayer(ModelArchitecture m) {
        long h = m.hiddenSize();
        Attention a = m.attention();
        long heads = a.heads();
        long norms = 2L * h;
        if (a.mla().isEmpty()) {
            long headDim = a.headDim();
            long qAndO = 2L * h * heads * headDim;
            long kv = 2L * h * a.kvHeads() * headDim;
            // Qwen3-style per-head q/k norms are tiny; counted with the norms.
            return new LayerParams(qAndO, kv, 0, 0, norms + 2L * headDim);
        }
        MlaDims d = a.mla().get();
        long qHead = d.qkHeadDim();
        long down = 0;
        long up;
        if (d.qLoraRank() > 0) {
            down += h * d.qLoraRank();
            up = (long) d.qLoraRank() * heads * qHead;
            norms += d.qLoraRank();
        } else {
            up = h * heads * qHead;
        }
        down += h * (d.kvLoraRank() + d.qkRopeHeadDim());
        norms += d.kvLoraRank();
        up += (long) d.kvLoraRank() * heads * (d.qkNopeHeadDim() + d.vHeadDim());
        long out = heads * d.vHeadDim() * h;
        long indexer = a.indexer().map(ix -> {
            long qIn = d.qLoraRank() > 0 ? d.qLoraRank() : h;
            return qIn * ix.heads() * ix.headDim() + h * ix.headDim() + 2L * ix.headDim() + h * ix.heads();
        }).orElse(0L);
        return new LayerParams(up + out, 0, down, indexer, norms);
    }

    static long visionParams(VisionEncoder v) {
        long h = v.hiddenSize();
        long i = v.intermediateSize();
        long block = 4 * h * h + 4 * h      // qkv and output projections with biases
                + 2 * h * i + i + h         // two-matrix MLP with biases
                + 4 * h;                    // two layer norms
        long patchEmbed = 3L * v.patchSize() * v.patchSize() * v.temporalPatchSize() * h + h;
        long merged = h * v.spatialMergeSize() * v.spatialMergeSize();
        long merger = merged * merged + merged + merged * v.outHiddenSize() + v.outHiddenSize() + 2 * merged;
        return block * v.layers() + patchEmbed + merger * (1 + v.extraMergers());
    }
}
