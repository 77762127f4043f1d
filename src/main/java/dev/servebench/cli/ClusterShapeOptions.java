package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.sim.cluster.ClusterShape;
import picocli.CommandLine.Option;

import java.util.function.IntSupplier;

/**
 * The flags that name a cluster's shape, shared by {@code advise}, {@code sim} and {@code predict}: data-parallel
 * replicas, or llm-d's xPyD prefill/decode pools with a TP per role. Read and checked in one place.
 */
final class ClusterShapeOptions {
    @Option(names = "--replicas", paramLabel = "R",
            description = "R data-parallel instances of --tp behind one router (aggregated serving).")
    Integer replicas;

    @Option(names = "--disaggregate", paramLabel = "xPyD",
            description = "Prefill/decode disaggregation, e.g. 2P1D: x prefill and y decode instances, the KV cache "
                    + "handed over between them (llm-d's naming).")
    String disaggregate;

    @Option(names = "--prefill-tp", paramLabel = "N",
            description = "TP of each prefill instance (default: --tp, or the one-instance plan's).")
    Integer prefillTp;

    @Option(names = "--decode-tp", paramLabel = "N",
            description = "TP of each decode instance (default: --tp, or the one-instance plan's).")
    Integer decodeTp;

    /** Whether a shape was asked for (replicas or pools). */
    boolean requested() {
        return replicas != null || disaggregate != null;
    }

    /** Bad input when the flags contradict each other: both shapes, or per-role TPs without pools. */
    void check() {
        if (replicas != null && disaggregate != null) {
            throw new BadInputException("give --disaggregate xPyD or --replicas R, not both");
        }
        if (disaggregate == null && (prefillTp != null || decodeTp != null)) {
            throw new BadInputException("--prefill-tp and --decode-tp need --disaggregate xPyD");
        }
    }

    /**
     * The shape: pools with each role's TP defaulting to {@code defaultTp}, else {@code defaultReplicas} (when
     * --replicas is absent) replicas of {@code defaultTp}.
     */
    ClusterShape shape(IntSupplier defaultTp, IntSupplier defaultReplicas) {
        check();
        if (disaggregate != null) {
            return ClusterShape.disaggregated(disaggregate, prefillTp != null ? prefillTp : defaultTp.getAsInt(),
                    decodeTp != null ? decodeTp : defaultTp.getAsInt());
        }
        return new ClusterShape.Aggregated(replicas != null ? replicas : defaultReplicas.getAsInt(), defaultTp.getAsInt());
    }
}
