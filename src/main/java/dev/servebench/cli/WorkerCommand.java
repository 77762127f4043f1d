package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.client.ApiKey;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.distributed.WorkerLink;
import dev.servebench.distributed.WorkerRuntime;
import dev.servebench.distributed.WorkerSetup;
import dev.servebench.prompt.ImageSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code servebench worker}: one load worker of a distributed benchmark, started by {@code bench --workers N}
 * or as a pod of {@code bench --k8s}'s Job. It takes the benchmark's flags from the coordinator, prepares its
 * client and prompts as {@code bench} does, runs the shares of levels it is given and exits when the
 * coordinator is done. Hidden: users never start one by hand.
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
        ignoreInterrupt();
        try (WorkerLink link = WorkerLink.connect(host, port, me, joinTimeout)) {
            WorkerSetup setup = link.awaitSetup();
            WorkerRuntime runtime;
            try {
                runtime = prepare(setup, line -> err.println("servebench worker " + me + ": " + line));
            } catch (RuntimeException e) {
                link.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
            try (OpenAiClient client = runtime.client()) {
                err.println("servebench worker " + me + ": ready");
                link.serve(runtime, Optional.ofNullable(out));
            }
        }
        err.println("servebench worker " + me + ": done");
        return 0;
    }

    private static int indexFromEnvironment() {
        String v = System.getenv(JOB_INDEX_ENV);
        if (v == null) {
            throw new BadInputException("--index is required outside an Indexed Job (no $" + JOB_INDEX_ENV + ")");
        }
        return Integer.parseInt(v.strip());
    }

    /**
     * The terminal's Ctrl-C reaches every process of its group, local workers too: the coordinator decides
     * when a level stops (and has the workers cancel what is in flight), so a worker does not die of it.
     */
    private static void ignoreInterrupt() {
        try {
            Signal.handle(new Signal("INT"), s -> { });
        } catch (IllegalArgumentException e) {
            // Not handled on this platform: the default applies.
        }
    }

    /** The client and prompts from the coordinator's flags, as bench prepares them. */
    static WorkerRuntime prepare(WorkerSetup setup, java.util.function.Consumer<String> say) {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs(setup.benchArgs().toArray(String[]::new));
        // The coordinator always forwards its run's --seed: the worker's prompts are the coordinator's.
        BenchmarkConfig config = bench.workload.configBuilder().build();
        EndpointConfig endpoint = bench.target.endpoint(URI.create(setup.url()), setup.model());
        if (setup.apiKeyEnv() != null) {
            endpoint = endpoint.withApiKey(ApiKey.fromEnvironment(setup.apiKeyEnv()));
        }
        OpenAiClient client = new OpenAiClient(endpoint);
        try {
            PromptPlan prompts = PromptPlans.prepare(config, client, bench.target.tokenizer, say);
            return new WorkerRuntime(client, prompts, images(config), config.ignoreEos(), config.conversation());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The images a one-process run sends: the given URLs, else generated ones from the seed. */
    private static Supplier<ImageSource> images(BenchmarkConfig config) {
        return new Supplier<>() {
            private ImageSource made;

            @Override
            public synchronized ImageSource get() {
                if (made == null) {
                    made = config.imageUrls().isEmpty() ? ImageSource.generated(512, 512, config.seed())
                            : ImageSource.ofUrls(config.imageUrls());
                }
                return made;
            }
        };
    }
}
