package dev.servebench.sim.cluster;

import dev.servebench.BadInputException;
import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.StepTimeModel;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of simulated vLLM instances of one model on nodes of one GPU type: its shape, each role's deployment
 * (the same engine and step-time model as a single instance), the engines (kept across levels, like servers
 * that stay up), where each instance sits, and the links that carry KV caches between instances.
 */
public final class SimulatedCluster {
    private final ClusterShape shape;
    private final SimulatedDeployment entryDeployment;
    private final SimulatedDeployment decodeDeployment;
    private final List<Engine> entryEngines = new ArrayList<>();
    private final List<Engine> decodeEngines = new ArrayList<>();
    private final int[] entryNodes;
    private final int[] decodeNodes;
    private final KvTransfer transfer;
    private final RoutingPolicy policy;

    /** Makes one {@link InstanceDriver} for an instance's engine on the caller's clock. */
    @FunctionalInterface
    public interface DriverFactory {
        InstanceDriver driver(Engine engine, StepTimeModel stepTime);
    }

    private SimulatedCluster(ClusterShape shape, SimulatedDeployment entry, SimulatedDeployment decode, int[] entryNodes,
                             int[] decodeNodes, KvTransfer transfer, RoutingPolicy policy) {
        this.shape = shape;
        this.entryDeployment = entry;
        this.decodeDeployment = decode;
        this.entryNodes = entryNodes;
        this.decodeNodes = decodeNodes;
        this.transfer = transfer;
        this.policy = policy;
        for (int i = 0; i < entryNodes.length; i++) {
            entryEngines.add(entry.newEngine());
        }
        for (int i = 0; i < decodeNodes.length; i++) {
            decodeEngines.add(decode.newEngine());
        }
    }

    /**
     * Places {@code shape} on {@code nodes} nodes of {@code gpusPerNode} GPUs (prefill instances first, an
     * instance never split across nodes) with {@code base}'s serving options at each role's TP.
     */
    public static SimulatedCluster of(ModelConfig model, Accelerator gpu, ServingOptions base, ClusterShape shape,
                                      int nodes, int gpusPerNode, Link intraNode, Link interNode, RoutingPolicy policy,
                                      PerfFactors factors) {
        return of(model, gpu, base::withTensorParallel, shape, nodes, gpusPerNode, intraNode, interNode, policy,
                factors);
    }

    /**
     * As above, with each role's serving options given per TP ({@code optionsAtTp}): the kernels a deployer picks
     * can depend on the TP (AITER's MLA takes only some head counts per GPU).
     */
    public static SimulatedCluster of(ModelConfig model, Accelerator gpu, java.util.function.IntFunction<ServingOptions>
                                              optionsAtTp, ClusterShape shape, int nodes, int gpusPerNode,
                                      Link intraNode, Link interNode, RoutingPolicy policy, PerfFactors factors) {
        return of(model, gpu, (duty, tp) -> optionsAtTp.apply(tp), shape, nodes, gpusPerNode, intraNode, interNode,
                policy, factors);
    }

    /** As above, with each instance's options by its duty and TP (a prefill instance's budgets are not a decode's). */
    public static SimulatedCluster of(ModelConfig model, Accelerator gpu, InstanceOptions options, ClusterShape shape,
                                      int nodes, int gpusPerNode, Link intraNode, Link interNode, RoutingPolicy policy,
                                      PerfFactors factors) {
        if (nodes < 1 || gpusPerNode < 1) {
            throw new BadInputException("--nodes and --gpus-per-node must be at least 1");
        }
        if (shape.gpus() > nodes * gpusPerNode) {
            throw new BadInputException(shape.label() + " needs " + shape.gpus() + " GPUs; " + nodes + " node(s) of "
                    + gpusPerNode + " have " + nodes * gpusPerNode + ": raise --nodes or shrink the shape");
        }
        Placement placement = new Placement(gpusPerNode, nodes);
        return switch (shape) {
            case ClusterShape.Aggregated a -> {
                SimulatedDeployment d = SimulatedDeployment.of(model, gpu, options.at(InstanceOptions.Duty.REPLICA, a.tp()), factors);
                yield new SimulatedCluster(shape, d, d, placement.place(a.replicas(), a.tp()), new int[0], null, policy);
            }
            case ClusterShape.Disaggregated x -> {
                SimulatedDeployment p = SimulatedDeployment.of(model, gpu, options.at(InstanceOptions.Duty.PREFILL, x.prefillTp()),
                        factors);
                SimulatedDeployment d = SimulatedDeployment.of(model, gpu, options.at(InstanceOptions.Duty.DECODE, x.decodeTp()),
                        factors);
                int[] prefillNodes = placement.place(x.prefillInstances(), x.prefillTp());
                int[] decodeNodes = placement.place(x.decodeInstances(), x.decodeTp());
                yield new SimulatedCluster(shape, p, d, prefillNodes, decodeNodes,
                        new KvTransfer(d.kvBytesPerTokenPerGpu(), x.prefillTp(), x.decodeTp(), intraNode, interNode),
                        policy);
            }
        };
    }

    public ClusterShape shape() {
        return shape;
    }

    /** The deployment of the instances that take new requests (replicas, or the prefill pool). */
    public SimulatedDeployment entryDeployment() {
        return entryDeployment;
    }

    /** The decode pool's deployment (the replicas' for an aggregated shape). */
    public SimulatedDeployment decodeDeployment() {
        return decodeDeployment;
    }

    /** The KV hand-over; empty for an aggregated shape. */
    public java.util.Optional<KvTransfer> transfer() {
        return java.util.Optional.ofNullable(transfer);
    }

    /** The router and instances on a clock: drivers are made per call, engines are the cluster's own. */
    public ClusterFrontend frontend(Timer timer, DriverFactory drivers) {
        List<InstanceDriver> entry = entryEngines.stream().map(e -> drivers.driver(e, entryDeployment.stepTime())).toList();
        List<InstanceDriver> decode = decodeEngines.stream().map(e -> drivers.driver(e, decodeDeployment.stepTime())).toList();
        return new ClusterFrontend(entry, decode, entryNodes, decodeNodes, transfer, timer, policy);
    }

    /** Fills nodes in order; an instance that does not fit in what is left of a node starts the next one. */
    private static final class Placement {
        private final int gpusPerNode;
        private final int nodes;
        private int node;
        private int used;

        Placement(int gpusPerNode, int nodes) {
            this.gpusPerNode = gpusPerNode;
            this.nodes = nodes;
        }

        int[] place(int instances, int tp) {
            if (tp > gpusPerNode) {
                throw new BadInputException("TP " + tp + " exceeds the " + gpusPerNode + " GPUs of a node (--gpus-per-node)"
                        + "; an instance spans one node");
            }
            int[] at = new int[instances];
            for (int i = 0; i < instances; i++) {
                if (used + tp > gpusPerNode) {
                    node++;
                    used = 0;
                }
                if (node >= nodes) {
                    throw new BadInputException("the instances do not pack into " + nodes + " node(s) of " + gpusPerNode
                            + " GPUs without splitting one across nodes; raise --nodes");
                }
                at[i] = node;
                used += tp;
            }
            return at;
        }
    }
}
