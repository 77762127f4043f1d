package dev.servebench.run;

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

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One load worker of a distributed benchmark: joins the coordinator, builds its client and prompts from the typed
 * {@link WorkerSetup} it is told (the coordinator's consolidated workload, not its command line), runs the shares of
 * levels it is given and returns when the coordinator is done.
 */
public final class WorkerRun {
    /**
     * @param coordinatorHost where the coordinator listens
     * @param coordinatorPort its port
     * @param index           this worker's number
     * @param ownFolder       where to keep this worker's own requests.jsonl, if anywhere
     * @param joinTimeout     how long to retry reaching the coordinator
     */
    public record Options(String coordinatorHost, int coordinatorPort, int index, Optional<Path> ownFolder,
                          Duration joinTimeout) {
    }

    private WorkerRun() {
    }

    /** Runs the worker until the coordinator says goodbye; {@code say} gets its progress lines. */
    public static void run(Options options, Consumer<String> say) throws IOException {
        ignoreInterrupt();
        try (WorkerLink link = WorkerLink.connect(options.coordinatorHost(), options.coordinatorPort(), options.index(),
                options.joinTimeout())) {
            WorkerSetup setup = link.awaitSetup();
            WorkerRuntime runtime;
            try {
                runtime = prepare(setup, say);
            } catch (RuntimeException e) {
                link.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
            try (OpenAiClient client = runtime.client()) {
                say.accept("ready");
                link.serve(runtime, options.ownFolder());
            }
        }
        say.accept("done");
    }

    /**
     * The terminal's Ctrl-C reaches every process of its group, local workers too: the coordinator decides
     * when a level stops (and has the workers cancel what is in flight), so a worker does not die of it.
     */
    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> { });
        } catch (IllegalArgumentException e) {
            // Not handled on this platform: the default applies.
        }
    }

    /** The client and prompts the coordinator's setup describes, prepared as a one-process bench prepares them. */
    public static WorkerRuntime prepare(WorkerSetup setup, Consumer<String> say) {
        // The coordinator always sends its run's seed: the worker's prompts are the coordinator's.
        BenchmarkConfig config = setup.workload().toConfigBuilder().build();
        EndpointConfig endpoint = setup.client().endpoint(URI.create(setup.url()), setup.model());
        if (setup.apiKeyEnv() != null) {
            endpoint = endpoint.withApiKey(ApiKey.fromEnvironment(setup.apiKeyEnv()));
        }
        OpenAiClient client = new OpenAiClient(endpoint);
        try {
            PromptPlan prompts = PromptPlans.prepare(config, client, setup.client().tokenizer(), say);
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
