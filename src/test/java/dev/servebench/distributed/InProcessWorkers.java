package dev.servebench.distributed;

import dev.servebench.bench.Conversation;
import dev.servebench.bench.PromptPlan;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Load workers on virtual threads of the test JVM, joined to {@code coordinator} and sending to {@code server}: the
 * distributed path without child processes. {@link #link} gives a worker's connection, so a test can cut it.
 */
final class InProcessWorkers {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReferenceArray<WorkerLink> links;

    /** Starts {@code count} workers and waits until the coordinator has them all. */
    InProcessWorkers(Coordinator coordinator, URI server, PromptPlan prompts, int count) throws Exception {
        this.links = new AtomicReferenceArray<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(server, "sim-model"));
                     WorkerLink link = WorkerLink.connect("127.0.0.1", coordinator.port(), index,
                             Duration.ofSeconds(10))) {
                    links.set(index, link);
                    link.awaitSetup();
                    link.serve(new WorkerRuntime(client, prompts, () -> null, true, Conversation.SINGLE_TURN),
                            Optional.empty());
                } catch (Exception e) {
                    // A connection the test cut: the coordinator reports the worker gone, which is what it checks.
                }
            }));
        }
        coordinator.awaitWorkers(count, Duration.ofSeconds(30), Optional::empty);
    }

    WorkerLink link(int index) {
        return links.get(index);
    }

    /** The worker threads, to check that each ends once the coordinator is closed. */
    List<Thread> threads() {
        return threads;
    }
}
