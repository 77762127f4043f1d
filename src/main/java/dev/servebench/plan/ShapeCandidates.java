package dev.servebench.plan;


import dev.servebench.BadInputException;
import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.InstanceOptions;
import dev.servebench.sim.perf.SimulatedDeployment;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes worth predicting on a cluster, up to the whole of it: aggregated TP 1/2/4/8 with any number of
 * replicas that fits, and xPyD with TP 1/2/4/8 per role at the P:D ratios near the one that balances the pools
 * ({@link RoleCapacity}: each role's requests per second at the workload), each ratio at every multiple that fits.
 * Pruned by the advisor's rules: TP must divide the attention heads (C1), fit within a node, and leave KV cache
 * after the weights (M1); instances never split across nodes. A TP that cannot hold the model is never tried.
 * Copies of one unit cost one simulation ({@link ShapeUnit}), so many shapes are cheap.
 */
public final class ShapeCandidates {
    /** TPs vLLM users deploy (powers of two up to a node). */
    private static final int[] TPS = {1, 2, 4, 8};
    /** Largest instance count of a role in a P/D unit (its coprime ratio), e.g. 8P3D. */
    static final int MAX_UNIT_INSTANCES = 8;
    /** How far from the balanced P:D ratio a unit's ratio may be (either way). */
    static final double RATIO_SPREAD = 2.0;
    /** Without a workload to balance the pools on: the methodology's sweep from 1:4 to 4:1. */
    static final int UNSEEDED_MAX_PER_ROLE = 4;

    private ShapeCandidates() {
    }

    /** Every shape, P/D at ratios from 1:4 to 4:1 and their multiples (no workload to balance the pools on). */
    public static List<ClusterShape> enumerate(ModelConfig model, Accelerator gpu, InstanceOptions instances,
                                               int nodes, int gpusPerNode) {
        return enumerate(model, gpu, instances, nodes, gpusPerNode, (p, d) -> java.util.Optional.empty());
    }

    /**
     * Every shape, P/D at the ratios near each TP pair's balanced one for the workload.
     *
     * @param balance for a (prefill TP, decode TP): decode instances per prefill instance that keep both pools
     *                busy, or empty to sweep 1:4 to 4:1
     */
    public static List<ClusterShape> enumerate(ModelConfig model, Accelerator gpu, InstanceOptions instances,
                                               int nodes, int gpusPerNode,
                                               java.util.function.BiFunction<Integer, Integer,
                                                       java.util.Optional<Double>> balance) {
        int total = nodes * gpusPerNode;
        List<Integer> tps = new ArrayList<>();
        for (int tp : TPS) {
            if (tp <= gpusPerNode && fits(model, gpu, instances, tp)) {
                tps.add(tp);
            }
        }
        List<ClusterShape> shapes = new ArrayList<>();
        for (int tp : tps) {
            for (int replicas = 1; replicas * tp <= total; replicas++) {
                shapes.add(new ClusterShape.Aggregated(replicas, tp));
            }
        }
        for (int prefillTp : tps) {
            for (int decodeTp : tps) {
                java.util.Optional<Double> balanced = balance.apply(prefillTp, decodeTp);
                for (int[] unit : units(balanced)) {
                    for (int m = 1; m * (unit[0] * prefillTp + unit[1] * decodeTp) <= total; m++) {
                        if (packs(m * unit[0], prefillTp, m * unit[1], decodeTp, nodes, gpusPerNode)) {
                            shapes.add(new ClusterShape.Disaggregated(m * unit[0], prefillTp, m * unit[1], decodeTp));
                        }
                    }
                }
            }
        }
        return shapes;
    }

    /** The coprime (x, y) instance counts of the P/D units to try: near the balanced y/x, or 1:4 to 4:1. */
    static List<int[]> units(java.util.Optional<Double> balanced) {
        List<int[]> units = new ArrayList<>();
        int max = balanced.isPresent() ? MAX_UNIT_INSTANCES : UNSEEDED_MAX_PER_ROLE;
        for (int x = 1; x <= max; x++) {
            for (int y = 1; y <= max; y++) {
                if (gcd(x, y) != 1) {
                    continue;
                }
                double ratio = (double) y / x;
                if (balanced.isEmpty() || (ratio >= balanced.get() / RATIO_SPREAD
                        && ratio <= balanced.get() * RATIO_SPREAD)) {
                    units.add(new int[]{x, y});
                }
            }
        }
        if (units.isEmpty()) {
            // Beyond 8:1 either way: the nearest ratio there is.
            double b = balanced.orElseThrow();
            units.add(b < 1 ? new int[]{MAX_UNIT_INSTANCES, 1} : new int[]{1, MAX_UNIT_INSTANCES});
        }
        return units;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static boolean fits(ModelConfig model, Accelerator gpu, InstanceOptions instances, int tp) {
        try {
            SimulatedDeployment.of(model, gpu, instances.at(InstanceOptions.Duty.REPLICA, tp));
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
