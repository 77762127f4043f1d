package dev.servebench.run;

import dev.servebench.experiment.ExperimentStoppedException;
import dev.servebench.experiment.ServerPreparation;
import dev.servebench.k8s.KubernetesDeployments;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An experiment's servers that are Kubernetes deployments: by group (a repeat's runs, an ablation's condition, a
 * Pareto target), the manifests applied before each run of the group and deleted after the experiment.
 *
 * @param manifests    by group; empty when no server is deployed by the experiment
 * @param namespace    for manifests that name none (else the kubeconfig's, else default)
 * @param readyTimeout how long a deployment may take to be ready, model download included
 */
public record ExperimentDeployments(Map<String, Path> manifests, Optional<String> namespace, Duration readyTimeout) {
    public ExperimentDeployments {
        manifests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifests));
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
    }

    /** No deployments: the servers are there already. */
    public static ExperimentDeployments none() {
        return new ExperimentDeployments(Map.of(), Optional.empty(), Duration.ZERO);
    }

    /** An experiment run with a given preparation. */
    @FunctionalInterface
    interface Experiment<T> {
        T run(ServerPreparation preparation) throws Exception;
    }

    /**
     * Runs {@code experiment} with the manifests applied before each run of their group ({@code then} after
     * them: a condition's command, the readiness URL); on a failure the server pods' logs are saved in
     * {@code <results>/k8s-logs}; at the end, whatever is deployed is deleted. Without manifests, just {@code then}.
     */
    <T> T around(Path resultsFolder, Consumer<String> say, ServerPreparation then, Experiment<T> experiment)
            throws Exception {
        if (manifests.isEmpty()) {
            return experiment.run(then);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             KubernetesDeployments deployments = KubernetesDeployments.open(client,
                     namespace.orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default")),
                     manifests, readyTimeout, resultsFolder.resolve("k8s-logs"), say::accept)) {
            try {
                return experiment.run(deployments.then(then));
            } catch (ExperimentStoppedException e) {
                throw e;
            } catch (Exception e) {
                deployments.saveLogs().ifPresent(f -> say.accept("the server pods' logs are in " + f));
                throw e;
            }
        }
    }
}
