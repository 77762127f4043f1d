package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.run.ExperimentDeployments;
import picocli.CommandLine.Option;

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

    /** The deployments of an experiment: {@code manifests} by group, in the namespace and time these flags give. */
    ExperimentDeployments deployments(Map<String, Path> manifests) {
        return new ExperimentDeployments(manifests, Optional.ofNullable(namespace), readyTimeout);
    }
}
