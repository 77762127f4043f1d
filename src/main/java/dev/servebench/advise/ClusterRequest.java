package dev.servebench.advise;

import dev.servebench.BadInputException;
import dev.servebench.sim.cluster.ClusterShape;

/**
 * What the user asks for a cluster: the single-node request's model, GPU type, version, goal, context and
 * quantization, over {@code nodes} nodes of {@code gpusPerNode} GPUs, in {@code shape}. The base request's GPU
 * count and forced TP are not used: each role's TP comes from the shape.
 */
public record ClusterRequest(AdviseRequest base, int nodes, int gpusPerNode, ClusterShape shape) {
    public ClusterRequest {
        if (nodes < 1) {
            throw new BadInputException("--nodes must be at least 1, got " + nodes);
        }
        if (gpusPerNode < 1) {
            throw new BadInputException("--gpus-per-node must be at least 1, got " + gpusPerNode);
        }
    }
}
