package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.client.EndpointConfig;
import dev.servebench.distributed.Coordinator;
import dev.servebench.distributed.DistributedLevelExecutor;
import dev.servebench.distributed.LocalWorkers;
import dev.servebench.distributed.WorkerFleet;
import dev.servebench.distributed.WorkerSetup;
import dev.servebench.k8s.CoordinatorAddress;
import dev.servebench.k8s.KubernetesWorkers;
import dev.servebench.k8s.WorkerJobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * bench's coordinator and its workers for one run: listening, the workers started (local processes or a
 * Kubernetes Job) and joined, the executor that runs levels over them. Closing ends the workers and deletes
 * what was created for them.
 */
final class LoadWorkers implements AutoCloseable {
    /** Inside the results folder: one folder per local worker with its log and requests.jsonl. */
    static final String FOLDER = "workers";

    private final Coordinator coordinator;
    private WorkerFleet fleet;
    private KubernetesClient client;

    private LoadWorkers(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * @param setup what every worker is told: the run's consolidated workload (its seed, drawn or given, among it:
     *              every worker builds the same prompts) and client settings
     */
    static LoadWorkers start(DistributedOptions options, WorkerSetup setup, EndpointConfig endpoint, Path folder,
                             PrintWriter err) throws Exception {
        LoadWorkers workers = new LoadWorkers(Coordinator.open(
                options.k8s ? InetAddress.getByName("0.0.0.0") : InetAddress.getLoopbackAddress(),
                options.k8s ? options.coordinatorPort : 0, setup, line -> err.println("servebench: " + line)));
        try {
            int port = workers.coordinator.port();
            if (options.k8s) {
                workers.client = new KubernetesClientBuilder().build();
                workers.fleet = kubernetes(options, workers.client, port, endpoint, err);
                err.println("servebench: started " + options.workers + " load worker pods (image " + options.image + ")");
            } else {
                workers.fleet = LocalWorkers.start(List.of(Main.class.getName(), "worker"), options.workers, port,
                        folder.resolve(FOLDER), endpoint.apiKey());
                err.println("servebench: starting " + options.workers + " load workers on this machine (logs in "
                        + folder.resolve(FOLDER) + ")");
            }
            workers.coordinator.awaitWorkers(options.workers, options.startTimeout, workers.fleet::failure);
            err.println("servebench: " + options.workers + " load workers joined; each level's load is split over them");
            return workers;
        } catch (Exception | Error e) {
            workers.close();
            throw e;
        }
    }

    private static WorkerFleet kubernetes(DistributedOptions options, KubernetesClient client, int port,
                                          EndpointConfig endpoint, PrintWriter err) {
        String host = options.coordinatorAddress != null ? options.coordinatorAddress
                : CoordinatorAddress.detect().orElseThrow(() -> new BadInputException("cannot tell where the pods "
                + "reach this machine: give --coordinator-address HOST"));
        String namespace = options.namespace != null ? options.namespace
                : Optional.ofNullable(client.getNamespace()).orElse("default");
        String name = "servebench-workers-" + Long.toString(System.currentTimeMillis(), 36).toLowerCase(Locale.ROOT);
        WorkerJobSpec spec = new WorkerJobSpec(namespace, name, options.image, options.workers, host + ":" + port,
                Optional.ofNullable(options.cpu), Optional.ofNullable(options.memory), options.nodeSelector,
                endpoint.apiKey().isPresent());
        err.println("servebench: creating Job " + namespace + "/" + name + " (" + options.workers
                + " worker pods reaching this coordinator at " + host + ":" + port + ")");
        return KubernetesWorkers.start(client, spec, endpoint.apiKey(), line -> err.println("servebench: " + line));
    }

    DistributedLevelExecutor executor() {
        return coordinator.executor();
    }

    /** Says goodbye to the workers (they exit), then ends what is left of them and deletes what was created. */
    @Override
    public void close() {
        try {
            coordinator.close();
        } finally {
            try {
                if (fleet != null) {
                    fleet.close();
                }
            } finally {
                if (client != null) {
                    client.close();
                }
            }
        }
    }
}
