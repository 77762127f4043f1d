package dev.servebench.plan;

import dev.servebench.advise.SimulatedKernels;

import dev.servebench.BadInputException;
import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes worth predicting on a cluster: aggregated TP 1/2/4/8 with 1, 2, 4 … replicas up to the cluster,
 * and xPyD with TP 1/2/4/8 per role and up to {@value #MAX_INSTANCES_PER_ROLE} instances of each, pruned by the
 * advisor's rules: TP must divide the attention heads (C1), fit within a node, and leave KV cache after the
 * weights (M1). A TP that cannot hold the model is never tried in any shape.
 */
public final class ShapeCandidates {
    /** TPs vLLM users deploy (powers of two up to a node). */
    private static final int[] TPS = {1, 2, 4, 8};
    /** Enough to span the P:D ratios the methodology sweeps (1:4 … 4:1) without exploding the count. */
    static final int MAX_INSTANCES_PER_ROLE = 4;

    private ShapeCandidates() {
    }

    public static List<ClusterShape> enumerate(ModelConfig model, Accelerator gpu, ServingOptions base, int nodes,
                                               int gpusPerNode) {
        int total = nodes * gpusPerNode;
        List<Integer> tps = new ArrayList<>();
        for (int tp : TPS) {
            if (tp <= gpusPerNode && fits(model, gpu, base, tp)) {
                tps.add(tp);
            }
        }
        List<ClusterShape> shapes = new ArrayList<>();
        for (int tp : tps) {
            for (int replicas = 1; replicas * tp <= total; replicas *= 2) {
                shapes.add(new ClusterShape.Aggregated(replicas, tp));
            }
        }
        for (int prefillTp : tps) {
            for (int decodeTp : tps) {
                for (int x = 1; x <= MAX_INSTANCES_PER_ROLE; x++) {
                    for (int y = 1; y <= MAX_INSTANCES_PER_ROLE; y++) {
                        if (x * prefillTp + y * decodeTp <= total && packs(x, prefillTp, y, decodeTp, nodes, gpusPerNode)) {
                            shapes.add(new ClusterShape.Disaggregated(x, prefillTp, y, decodeTp));
                        }
                    }
                }
            }
        }
        return shapes;
    }

    private static boolean fits(ModelConfig model, Accelerator gpu, ServingOptions base, int tp) {
        try {
            SimulatedDeployment.of(model, gpu, SimulatedKernels.at(base, model, gpu, tp));
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** Whether the instances pack into the nodes without splitting one (prefill first, as the cluster places). */
    private static boolean packs(int x, int prefillTp, int y, int decodeTp, int nodes, int gpusPerNode) {
        int node = 0;
        int used = 0;
        int[][] roles = {{x, prefillTp}, {y, decodeTp}};
        for (int[] role : roles) {
            for (int i = 0; i < role[0]; i++) {
                if (used + role[1] > gpusPerNode) {
                    node++;
                    used = 0;
                }
                if (node >= nodes) {
                    return false;
                }
                used += role[1];
            }
        }
        return true;
    }
}
