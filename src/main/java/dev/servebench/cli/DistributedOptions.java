package dev.servebench.cli;

import dev.servebench.BadInputException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** bench's flags for generating the load from several processes: local workers or a Kubernetes Job. */
final class DistributedOptions {
    @Option(names = "--workers", paramLabel = "N",
            description = {"Generate the load from N worker processes on this machine (each a JVM, with its share of "
                    + "every level's concurrency or rate); this process coordinates them and merges what they "
                    + "measured exactly (percentiles over all their requests). Each keeps its log and requests.jsonl "
                    + "in <out>/workers/worker-I."})
    Integer workers;

    @Option(names = "--worker-start-timeout", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class,
            description = "How long the workers may take to start and join (default ${DEFAULT-VALUE}).")
    Duration startTimeout;

    boolean enabled() {
        return workers != null;
    }

    void check() {
        if (workers != null && workers < 1) {
            throw new BadInputException("--workers must be at least 1, got " + workers);
        }
    }
}
