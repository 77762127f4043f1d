package dev.servebench.run;

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
public final class LoadWorkers implements AutoCloseable {
    /** Inside the results folder: one folder per local worker with its log and requests.jsonl. */
    public static final String FOLDER = "workers";

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
    public static LoadWorkers start(WorkerFleetPlan options, WorkerSetup setup, EndpointConfig endpoint, Path folder,
                             PrintWriter err) throws Exception {
        Optional<WorkerFleetPlan.Kubernetes> k8s = options.kubernetes();
        LoadWorkers workers = new LoadWorkers(Coordinator.open(
                k8s.isPresent() ? InetAddress.getByName("0.0.0.0") : InetAddress.getLoopbackAddress(),
                k8s.map(WorkerFleetPlan.Kubernetes::coordinatorPort).orElse(0), setup,
                line -> err.println("servebench: " + line)));
        try {
            int port = workers.coordinator.port();
            if (k8s.isPresent()) {
                workers.client = new KubernetesClientBuilder().build();
                workers.fleet = kubernetes(options.workers(), k8s.get(), workers.client, port, endpoint, err);
                err.println("servebench: started " + options.workers() + " load worker pods (image " + k8s.get().image()
                        + ")");
            } else {
                workers.fleet = LocalWorkers.start(options.localEntry(), options.workers(), port,
                        folder.resolve(FOLDER), endpoint.apiKey());
                err.println("servebench: starting " + options.workers() + " load workers on this machine (logs in "
                        + folder.resolve(FOLDER) + ")");
            }
            workers.coordinator.awaitWorkers(options.workers(), options.startTimeout(), workers.fleet::failure);
            err.println("servebench: " + options.workers() + " load workers joined; each level's load is split over "
                    + "them");
            return workers;
        } catch (Exception | Error e) {
            workers.close();
            throw e;
        }
    }

    private static WorkerFleet kubernetes(int count, WorkerFleetPlan.Kubernetes pods, KubernetesClient client,
                                          int port, EndpointConfig endpoint, PrintWriter err) {
        String host = pods.coordinatorAddress().or(CoordinatorAddress::detect).orElseThrow(() ->
                new BadInputException("cannot tell where the pods reach this machine: give --coordinator-address HOST"));
        String namespace = pods.namespace().or(() -> Optional.ofNullable(client.getNamespace())).orElse("default");
        String name = "servebench-workers-" + Long.toString(System.currentTimeMillis(), 36).toLowerCase(Locale.ROOT);
        WorkerJobSpec spec = new WorkerJobSpec(namespace, name, pods.image(), count, host + ":" + port, pods.cpu(),
                pods.memory(), pods.nodeSelector(), endpoint.apiKey().isPresent());
        err.println("servebench: creating Job " + namespace + "/" + name + " (" + count
                + " worker pods reaching this coordinator at " + host + ":" + port + ")");
        return KubernetesWorkers.start(client, spec, endpoint.apiKey(), line -> err.println("servebench: " + line));
    }

    public DistributedLevelExecutor executor() {
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
