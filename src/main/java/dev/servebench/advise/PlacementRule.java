package dev.servebench.advise;

import dev.servebench.model.ModelArchitecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rules P1 and P2, C1 and C2 for clusters: the shape must fit the cluster, each instance's TP must be legal for the
 * model and fit inside one node, and the instances must pack whole into the nodes. An instance is never split across
 * nodes: tensor parallelism all-reduces every layer, which vLLM's parallelism guide keeps on the scale-up link inside a
 * node, and llm-d runs each instance as one pod.
 */
final class PlacementRule {

    private PlacementRule() {
    }

    /** One role's instances before placement. */
    record Demand(Role role, int instances, int tp) {
    }

    static void checkTp(ModelArchitecture m, Role role, int tp, int gpusPerNode, String flag) {
        if (tp > gpusPerNode) {
            throw new AdviceRefusedException(RuleId.P2, role.key() + " TP " + tp + " is more than the " + gpusPerNode
                    + " GPUs of a node, and an instance never spans nodes; give " + flag + " " + gpusPerNode
                    + " or less (or more --gpus-per-node)");
        }
        if (m.attention().heads() % tp != 0) {
            throw new AdviceRefusedException(RuleId.C1, role.key() + " TP " + tp + " does not divide the "
                    + m.attention().heads() + " attention heads; give " + flag + " one of "
                    + TensorParallelRule.divisorSizes(m, gpusPerNode));
        }
        if (!TensorParallelRule.legal(m, tp)) {
            throw new AdviceRefusedException(RuleId.C2, role.key() + " TP " + tp + " neither divides nor is a multiple "
                    + "of the " + m.attention().kvHeads() + " KV heads; give " + flag + " one of "
                    + TensorParallelRule.divisorSizes(m, gpusPerNode));
        }
    }

    /**
     * Places every instance on a node, largest TP first, each on the first node with room (first-fit decreasing;
     * exact for the power-of-two TP sizes vLLM deployments use).
     */
    static List<Placement> place(List<Demand> demands, int nodes, int gpusPerNode) {
        int wanted = demands.stream().mapToInt(d -> d.instances() * d.tp()).sum();
        if (wanted > nodes * gpusPerNode) {
            throw new AdviceRefusedException(RuleId.P1, "the shape needs " + wanted + " GPUs but " + nodes + " node(s) of "
                    + gpusPerNode + " have " + nodes * gpusPerNode + "; give --nodes "
                    + (wanted + gpusPerNode - 1) / gpusPerNode + " or a smaller shape");
        }
        int[] used = new int[nodes];
        List<Placement> out = new ArrayList<>();
        List<Demand> order = new ArrayList<>(demands);
        order.sort(Comparator.comparingInt(Demand::tp).reversed());
        for (Demand d : order) {
            for (int i = 0; i < d.instances(); i++) {
                int node = firstWithRoom(used, gpusPerNode, d.tp());
                if (node < 0) {
                    throw new AdviceRefusedException(RuleId.P2, "the " + wanted + " GPUs fit in " + nodes + " x "
                            + gpusPerNode + " in total, but " + d.role().key() + " instance " + (i + 1) + " of TP "
                            + d.tp() + " finds no node with " + d.tp() + " free GPUs (an instance never spans nodes); "
                            + "give more --nodes or TP sizes that divide " + gpusPerNode);
                }
                out.add(new Placement(d.role(), i, node, used[node], d.tp()));
                used[node] += d.tp();
            }
        }
        out.sort(Comparator.comparing(Placement::role).thenComparingInt(Placement::instance));
        return out;
    }

    private static int firstWithRoom(int[] used, int gpusPerNode, int tp) {
        for (int n = 0; n < used.length; n++) {
            if (gpusPerNode - used[n] >= tp) {
                return n;
            }
        }
        return -1;
    }

    static Decision explain(List<Placement> placements, int nodes, int gpusPerNode) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < nodes; n++) {
            int node = n;
            List<String> here = placements.stream().filter(p -> p.node() == node)
                    .map(p -> p.role().key() + (p.instance() + 1) + " GPUs " + p.firstGpu() + "-"
                            + (p.firstGpu() + p.gpus() - 1)).toList();
            if (n > 0) {
                sb.append("; ");
            }
            sb.append("node ").append(n).append(": ").append(here.isEmpty() ? "idle" : String.join(", ", here));
        }
        int used = placements.stream().mapToInt(Placement::gpus).sum();
        return new Decision("placement", used + " of " + nodes * gpusPerNode + " GPUs",
                sb + " (each instance inside one node)", RuleId.P2);
    }
}
