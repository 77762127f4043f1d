package dev.servebench.plan;

import dev.servebench.BadInputException;
import dev.servebench.bench.Slo;
import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.cluster.ClusterLinks;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.InstanceOptions;

import java.util.List;
import java.util.Optional;

/**
 * What to plan: a model on a cluster of identical nodes, one workload, the concurrencies and SLO to decide for.
 *
 * @param instances         each instance's serving options by its duty and TP: what {@code advise} deploys
 *                          ({@link AdvisedInstances})
 * @param requestsPerClient requests each client sends per level (more: steadier figures, slower plan)
 * @param shapes            the candidates to predict; empty: every shape {@link ShapeCandidates} finds
 */
public record PlanRequest(ModelConfig model, Accelerator gpu, int nodes, int gpusPerNode, int inputTokens,
                          int outputTokens, List<Integer> concurrencies, Slo slo, InstanceOptions instances,
                          ClusterLinks links, RoutingPolicy router, int requestsPerClient,
                          Optional<List<ClusterShape>> shapes) {
    public PlanRequest {
        concurrencies = List.copyOf(concurrencies);
        shapes = shapes.map(List::copyOf);
        if (nodes < 1 || gpusPerNode < 1) {
            throw new BadInputException("--nodes and --gpus-per-node must be at least 1");
        }
        if (inputTokens < 1 || outputTokens < 1) {
            throw new BadInputException("--input-tokens and --output-tokens must be at least 1");
        }
        if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1)) {
            throw new BadInputException("--concurrency needs one or more positive values, e.g. 32,128,512");
        }
        if (requestsPerClient < 1) {
            throw new BadInputException("--requests-per-client must be at least 1");
        }
    }

    /** The same request over other links. */
    public PlanRequest withLinks(ClusterLinks other) {
        return new PlanRequest(model, gpu, nodes, gpusPerNode, inputTokens, outputTokens, concurrencies, slo, instances,
                other, router, requestsPerClient, shapes);
    }

    public int totalGpus() {
        return nodes * gpusPerNode;
    }
}
