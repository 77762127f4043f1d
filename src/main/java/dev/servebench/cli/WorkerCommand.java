package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.run.WorkerRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code servebench worker}: one load worker of a distributed benchmark, started by {@code bench --workers N}
 * or as a pod of {@code bench --k8s}'s Job. It is told the run's workload by the coordinator, prepares its
 * client and prompts as {@code bench} does, runs the shares of levels it is given and exits when the
 * coordinator is done ({@link WorkerRun}). Hidden: users never start one by hand.
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "A load worker of a distributed benchmark (started by bench --workers N or bench --k8s).")
final class WorkerCommand implements Callable<Integer> {
    /** Set by Kubernetes in each pod of an Indexed Job. */
    static final String JOB_INDEX_ENV = "JOB_COMPLETION_INDEX";

    @Option(names = "--coordinator", required = true, paramLabel = "HOST:PORT",
            description = "Where the coordinator listens.")
    String coordinator;

    @Option(names = "--index", paramLabel = "I",
            description = "This worker's number (default: $" + JOB_INDEX_ENV + ", set in an Indexed Job's pods).")
    Integer index;

    @Option(names = "--out", paramLabel = "DIR", description = "Also keep this worker's requests.jsonl here.")
    Path out;

    @Option(names = "--join-timeout", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class, description = "How long to retry reaching the coordinator.")
    Duration joinTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int me = index != null ? index : indexFromEnvironment();
        int colon = coordinator.lastIndexOf(':');
        if (colon <= 0) {
            throw new BadInputException("--coordinator " + coordinator + " is not HOST:PORT");
        }
        String host = coordinator.substring(0, colon);
        int port = Integer.parseInt(coordinator.substring(colon + 1));
        WorkerRun.run(new WorkerRun.Options(host, port, me, Optional.ofNullable(out), joinTimeout),
                line -> err.println("servebench worker " + me + ": " + line));
        return 0;
    }

    private static int indexFromEnvironment() {
        String v = System.getenv(JOB_INDEX_ENV);
        if (v == null) {
            throw new BadInputException("--index is required outside an Indexed Job (no $" + JOB_INDEX_ENV + ")");
        }
        return Integer.parseInt(v.strip());
    }
}
