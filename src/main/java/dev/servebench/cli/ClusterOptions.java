package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.SimulatedDeployment;
import picocli.CommandLine.Option;

import java.util.Optional;

/** A simulated cluster instead of one instance, for {@code sim} and {@code predict}: shape, nodes, router. */
final class ClusterOptions {
    @Option(names = "--replicas", paramLabel = "R",
            description = "R data-parallel instances of --tp behind one router (aggregated serving).")
    Integer replicas;

    @Option(names = "--disaggregate", paramLabel = "xPyD",
            description = "Prefill/decode disaggregation, e.g. 2P1D: x prefill and y decode instances, the KV cache "
                    + "handed over between them (llm-d's naming).")
    String disaggregate;

    @Option(names = "--prefill-tp", paramLabel = "N", description = "TP of each prefill instance (default: --tp).")
    Integer prefillTp;

    @Option(names = "--decode-tp", paramLabel = "N", description = "TP of each decode instance (default: --tp).")
    Integer decodeTp;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "Nodes of --gpus GPUs each for --replicas or --disaggregate (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--router", paramLabel = "POLICY", defaultValue = "least-outstanding",
            description = "round-robin, least-outstanding or prefix-aware (default: ${DEFAULT-VALUE}).")
    String router;

    boolean isCluster() {
        return replicas != null || disaggregate != null;
    }

    /** The cluster the flags describe around {@code single}'s model and settings, or empty for one instance. */
    Optional<SimulatedCluster> cluster(SimulatedDeployment single, int gpusPerNode) {
        if (!isCluster()) {
            if (prefillTp != null || decodeTp != null) {
                throw new BadInputException("--prefill-tp and --decode-tp go with --disaggregate xPyD");
            }
            return Optional.empty();
        }
        if (replicas != null && disaggregate != null) {
            throw new BadInputException("give either --replicas (aggregated) or --disaggregate (prefill/decode), not both");
        }
        int tp = single.options().tensorParallel();
        ClusterShape shape = replicas != null ? new ClusterShape.Aggregated(replicas, tp)
                : ClusterShape.disaggregated(disaggregate, prefillTp != null ? prefillTp : tp,
                decodeTp != null ? decodeTp : tp);
        var links = dev.servebench.sim.cluster.ClusterLinks.forGpu(single.accelerator());
        return Optional.of(SimulatedCluster.of(single.model(), single.accelerator(), single.options(), shape, nodes,
                gpusPerNode, links.intraNode(), links.interNode(), RoutingPolicy.parse(router), PerfFactors.builtIn()));
    }
}
