package dev.servebench.cli;

import dev.servebench.BadInputException;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** bench's flags for generating the load from several processes: local workers or a Kubernetes Job. */
final class DistributedOptions {
    @Option(names = "--workers", paramLabel = "N",
            description = {"Generate the load from N worker processes (each with its share of every level's "
                    + "concurrency or rate); this process coordinates them and merges what they measured exactly "
                    + "(percentiles over all their requests). Local workers keep their log and requests.jsonl in "
                    + "<out>/workers/worker-I. With --k8s, N pods of an Indexed Job instead."})
    Integer workers;

    @Option(names = "--worker-start-timeout", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class,
            description = "How long the workers may take to start and join (default ${DEFAULT-VALUE}; "
                    + "image pulls on a cold node take longer).")
    Duration startTimeout;

    @Option(names = "--k8s", description = {"Run the --workers as pods of a Kubernetes Indexed Job (kubeconfig or "
            + "in-cluster service account), inside the cluster's network; the API key goes to them in a Secret. "
            + "The Job and Secret are deleted when the run ends, fails or is stopped. See docs/kubernetes.md."})
    boolean k8s;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Namespace of the workers' Job (default: the kubeconfig's, else default).")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "servebench image the worker pods run (built from the Dockerfile; required with --k8s).")
    String image;

    @Option(names = "--worker-cpu", paramLabel = "CPU", description = "CPU request and limit per worker pod, e.g. 4.")
    String cpu;

    @Option(names = "--worker-memory", paramLabel = "SIZE",
            description = "Memory request and limit per worker pod, e.g. 4Gi.")
    String memory;

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE",
            description = "Node label the worker pods must run on (repeatable), e.g. pool=loadgen.")
    Map<String, String> nodeSelector = new LinkedHashMap<>();

    @Option(names = "--coordinator-address", paramLabel = "HOST",
            description = "Where the pods reach this process (default: $POD_IP in a pod, else this machine's "
                    + "first non-loopback address).")
    String coordinatorAddress;

    @Option(names = "--coordinator-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port this process listens on for the pods (default: any free port).")
    int coordinatorPort;

    boolean enabled() {
        return workers != null;
    }

    void check(boolean hasUrl) {
        if (workers != null && workers < 1) {
            throw new BadInputException("--workers must be at least 1, got " + workers);
        }
        if (!k8s) {
            if (image != null || namespace != null || cpu != null || memory != null || !nodeSelector.isEmpty()
                    || coordinatorAddress != null) {
                throw new BadInputException("--image, --namespace, --worker-cpu, --worker-memory, --node-selector and "
                        + "--coordinator-address are for --k8s; add --k8s (with --workers N) or drop them");
            }
            return;
        }
        if (workers == null) {
            throw new BadInputException("--k8s needs --workers N: how many worker pods to run");
        }
        if (image == null || image.isBlank()) {
            throw new BadInputException("--k8s needs --image IMAGE: a servebench image the pods can pull "
                    + "(see the Dockerfile and docs/kubernetes.md)");
        }
        if (!hasUrl) {
            throw new BadInputException("--k8s needs --url: the server as the pods reach it (e.g. "
                    + "http://vllm.NAMESPACE.svc:8000); the built-in target listens on this machine's loopback only");
        }
        if (coordinatorPort < 0 || coordinatorPort > 65535) {
            throw new BadInputException("--coordinator-port must be 0-65535, got " + coordinatorPort);
        }
    }

    /** The workers these flags ask for; only when {@link #enabled()}. */
    dev.servebench.run.WorkerFleetPlan plan() {
        return new dev.servebench.run.WorkerFleetPlan(workers, startTimeout, java.util.List.of(
                dev.servebench.run.WorkerMain.class.getName()), k8s ? java.util.Optional.of(new dev.servebench.run.WorkerFleetPlan.Kubernetes(image,
                java.util.Optional.ofNullable(namespace), java.util.Optional.ofNullable(cpu),
                java.util.Optional.ofNullable(memory), nodeSelector, java.util.Optional.ofNullable(coordinatorAddress),
                coordinatorPort)) : java.util.Optional.empty());
    }
}
