package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.experiment.ExperimentStoppedException;
import dev.servebench.experiment.ServerPreparation;
import dev.servebench.k8s.KubernetesDeployments;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Experiment flags for servers that are Kubernetes deployments, applied before each run and deleted after. */
final class KubernetesDeployOptions {
    /** An ablation condition whose value starts so is a manifest file, not a command. */
    static final String CONDITION_PREFIX = "k8s:";

    @Option(names = "--k8s-deploy", paramLabel = "[NAME=]FILE",
            description = {"Kubernetes manifests (multi-document YAML, e.g. from advise --format k8s or --format "
                    + "llm-d) applied before each run and deleted after the experiment: repeat takes FILE (a fresh "
                    + "server each run), pareto NAME=FILE for its --target NAME (repeatable). An ablation condition "
                    + "takes them as --condition NAME=k8s:FILE. Server pods' logs go to <out>/k8s-logs on failure."})
    List<String> deploy = new ArrayList<>();

    @Option(names = "--k8s-namespace", paramLabel = "NS",
            description = "Namespace for manifests that name none (default: the kubeconfig's, else default).")
    String namespace;

    @Option(names = "--k8s-ready-timeout", paramLabel = "DURATION", defaultValue = "900s",
            converter = DurationConverter.class,
            description = "How long a deployment may take to be ready, model download included (default ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    /** {@code --k8s-deploy} by group: {@code NAME=FILE}, or a bare FILE for {@code bareGroup} when there is one. */
    Map<String, Path> manifests(Optional<String> bareGroup, Collection<String> groups) {
        Map<String, Path> byGroup = new LinkedHashMap<>();
        for (String d : deploy) {
            int eq = d.indexOf('=');
            String group = eq > 0 ? d.substring(0, eq).strip() : bareGroup.orElseThrow(() -> new BadInputException(
                    "--k8s-deploy needs NAME=FILE here (NAME one of " + String.join(", ", groups) + "), got '" + d + "'"));
            if (!groups.contains(group)) {
                throw new BadInputException("--k8s-deploy " + d + ": no deployment named '" + group + "' (the names are "
                        + String.join(", ", groups) + ")");
            }
            if (byGroup.put(group, Path.of(eq > 0 ? d.substring(eq + 1) : d)) != null) {
                throw new BadInputException("--k8s-deploy gives '" + group + "' twice");
            }
        }
        return byGroup;
    }

    /**
     * Runs {@code experiment} with the manifests applied before each run of their group ({@code then} after
     * them: a condition's command, the readiness URL); on a failure the server pods' logs are saved; at the
     * end, whatever is deployed is deleted. Without manifests, just {@code then}.
     */
    <T> T run(Map<String, Path> manifests, Path resultsFolder, PrintWriter err, ServerPreparation then,
              Experiment<T> experiment) throws Exception {
        if (manifests.isEmpty()) {
            return experiment.run(then);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             KubernetesDeployments deployments = KubernetesDeployments.open(client,
                     namespace != null ? namespace : Optional.ofNullable(client.getNamespace()).orElse("default"),
                     manifests, readyTimeout, resultsFolder.resolve("k8s-logs"),
                     line -> err.println("servebench: " + line))) {
            try {
                return experiment.run(deployments.then(then));
            } catch (ExperimentStoppedException e) {
                throw e;
            } catch (Exception e) {
                deployments.saveLogs().ifPresent(f -> err.println("servebench: the server pods' logs are in " + f));
                throw e;
            }
        }
    }

    /** An experiment run with a given preparation. */
    @FunctionalInterface
    interface Experiment<T> {
        T run(ServerPreparation preparation) throws Exception;
    }
}
