package dev.servebench.cli;

import dev.servebench.client.EndpointConfig;
import dev.servebench.distributed.Coordinator;
import dev.servebench.distributed.DistributedLevelExecutor;
import dev.servebench.distributed.LocalWorkers;
import dev.servebench.distributed.WorkerFleet;
import dev.servebench.distributed.WorkerSetup;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * bench's coordinator and its workers for one run: listening, the workers started and joined, the executor
 * that runs levels over them. Closing ends the workers (and removes what was created for them).
 */
final class LoadWorkers implements AutoCloseable {
    /** Inside the results folder: one folder per local worker with its log and requests.jsonl. */
    static final String FOLDER = "workers";

    private final Coordinator coordinator;
    private final WorkerFleet fleet;

    private LoadWorkers(Coordinator coordinator, WorkerFleet fleet) {
        this.coordinator = coordinator;
        this.fleet = fleet;
    }

    static LoadWorkers start(DistributedOptions options, CommandSpec bench, EndpointConfig endpoint, Path folder,
                             PrintWriter err) throws IOException, InterruptedException {
        WorkerSetup setup = new WorkerSetup(ForwardedFlags.of(bench, "target", "workload"),
                endpoint.baseUrl().toString(), endpoint.model(),
                endpoint.apiKey().isPresent() ? WorkerSetup.API_KEY_ENV : null);
        Coordinator coordinator = Coordinator.open(InetAddress.getLoopbackAddress(), 0, setup,
                line -> err.println("servebench: " + line));
        WorkerFleet fleet = null;
        try {
            fleet = LocalWorkers.start(options.workers, coordinator.port(), folder.resolve(FOLDER), endpoint.apiKey());
            err.println("servebench: starting " + fleet.size() + " load workers on this machine (logs in "
                    + folder.resolve(FOLDER) + ")");
            coordinator.awaitWorkers(fleet.size(), options.startTimeout, fleet::failure);
            err.println("servebench: " + fleet.size() + " load workers joined; each level's load is split over them");
            return new LoadWorkers(coordinator, fleet);
        } catch (IOException | InterruptedException | RuntimeException e) {
            coordinator.close();
            if (fleet != null) {
                fleet.close();
            }
            throw e;
        }
    }

    DistributedLevelExecutor executor() {
        return coordinator.executor();
    }

    @Override
    public void close() {
        try {
            coordinator.close();
        } finally {
            fleet.close();
        }
    }
}
