package dev.servebench.cli;

import dev.servebench.sim.perf.ServingOptions;

import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.SimulatedDeployment;
import picocli.CommandLine.Option;

import java.util.Optional;

/** A simulated cluster instead of one instance, for {@code sim} and {@code predict}: shape, nodes, router. */
final class ClusterOptions {
    @picocli.CommandLine.Mixin
    ClusterShapeOptions shape = new ClusterShapeOptions();

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "Nodes of --gpus GPUs each for --replicas or --disaggregate (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--router", paramLabel = "POLICY", defaultValue = "least-outstanding",
            description = "round-robin, least-outstanding or prefix-aware (default: ${DEFAULT-VALUE}).")
    String router;

    boolean isCluster() {
        return shape.requested();
    }

    /**
     * The cluster the flags describe around {@code single}'s model and settings, or empty for one instance; each
     * role's kernels as the advisor picks them at its TP from {@code requested} (the flags' options).
     */
    Optional<SimulatedCluster> cluster(SimulatedDeployment single, java.util.function.IntFunction<ServingOptions>
            requested, int gpusPerNode) {
        shape.check();
        if (!isCluster()) {
            return Optional.empty();
        }
        int tp = single.options().tensorParallel();
        ClusterShape clusterShape = shape.shape(() -> tp, () -> shape.replicas);
        var links = dev.servebench.sim.cluster.ClusterLinks.forGpu(single.accelerator());
        java.util.function.IntFunction<ServingOptions> atTp = t -> dev.servebench.advise.SimulatedKernels.at(
                requested.apply(t), single.model(), single.accelerator(), t);
        return Optional.of(SimulatedCluster.of(single.model(), single.accelerator(), atTp, clusterShape, nodes,
                gpusPerNode, links.intraNode(), links.interNode(), RoutingPolicy.parse(router), PerfFactors.builtIn()));
    }
}
