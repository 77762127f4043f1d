package dev.servebench.model;

import java.util.Map;

/**
 * Per-GPU weight memory: stored bytes of each component, divided by TP for sharded components and
 * held whole for components vLLM replicates on every rank.
 */
public final class WeightMemory {

    private WeightMemory() {
    }

    /**
     * @param online quantization applied at load time (only for unquantized checkpoints)
     * @param visionReplicated whether the vision encoder runs data-parallel (whole copy per rank, rule C13)
     */
    public static WeightFootprint perGpu(ModelArchitecture m, OnlineQuantization online, int tp,
                                         boolean visionReplicated, MemoryCalibration cal) {
        if (tp <= 0) {
            throw new IllegalArgumentException("tensor parallelism must be >= 1, got " + tp);
        }
        ParameterBreakdown params = ParameterCounter.count(m);
        long resident = bytesPerGpu(m, params.total(), online, tp, visionReplicated, cal);
        long staged = online == OnlineQuantization.NONE ? resident
                : bytesPerGpu(m, params.total(), OnlineQuantization.NONE, tp, visionReplicated, cal);
        return new WeightFootprint(resident, Math.max(resident, staged));
    }

    private static long bytesPerGpu(ModelArchitecture m, Map<Component, Long> params, OnlineQuantization online,
                                    int tp, boolean visionReplicated, MemoryCalibration cal) {
        double total = 0;
        for (Map.Entry<Component, Long> e : params.entrySet()) {
            Component c = e.getKey();
            if (c == Component.MTP) {
                continue; // vLLM loads the MTP module only for speculative decoding
            }
            double bytes = e.getValue() * bytesPerParam(m, c, online);
            total += bytes * shareHeldPerRank(m, c, tp, visionReplicated, cal);
        }
        return Math.round(total);
    }

    /** Fraction of a component's bytes each rank holds. */
    static double shareHeldPerRank(ModelArchitecture m, Component c, int tp, boolean visionReplicated,
                                   MemoryCalibration cal) {
        return switch (c) {
            case EMBEDDING, LM_HEAD -> cal.embeddingsReplicatedPerRank() ? 1.0 : 1.0 / tp;
            case ATTENTION_DOWN, INDEXER, ROUTER, NORMS -> 1.0;
            case VISION -> visionReplicated ? 1.0 : 1.0 / tp;
            case KV_PROJECTION -> (double) KvCacheSize.kvHeadsPerGpu(m.attention(), tp) / m.attention().kvHeads();
            default -> 1.0 / tp;
        };
    }

    /** Stored bytes per parameter of one component (public for the simulator's bytes-moved model). */
    public static double bytesPerParam(ModelArchitecture m, Component c, OnlineQuantization online) {
        CheckpointQuantization q = m.quantization();
        boolean linear = c.quantizable() && c != Component.LM_HEAD;
        if (online != OnlineQuantization.NONE && linear && c != Component.VISION) {
            return 1.0; // per-tensor or per-channel scales are negligible
        }
        boolean coveredByConfig = c != Component.VISION || m.quantizationCoversVision();
        if (c.quantizable() && coveredByConfig && q.quantizes(c.moduleName())) {
            return q.quantizedBytesPerParam();
        }
        return q.unquantizedBytesPerParam();
    }
}
