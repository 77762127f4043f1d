package dev.servebench.distributed;

import dev.servebench.bench.Conversation;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.RequestFactory;
import dev.servebench.bench.RequestSource;
import dev.servebench.load.LoadResult;
import dev.servebench.load.LoadRunner;
import dev.servebench.load.RequestSender;
import dev.servebench.results.ToolInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker's side of the connection: it connects and says hello, answers the clock pings, receives the
 * {@link WorkerSetup}, and once its caller has prepared a {@link WorkerRuntime}, runs the levels it is
 * given, sending each request's record as the request ends, until the coordinator says goodbye or is gone.
 *
 * <pre>{@code
 * try (WorkerLink link = WorkerLink.connect("10.0.0.5", 7000, 2, Duration.ofMinutes(2))) {
 *     WorkerSetup setup = link.awaitSetup();
 *     WorkerRuntime runtime = ...;               // client and prompts from the setup
 *     link.serve(runtime, Optional.empty());     // returns when the run is over
 * }
 * }</pre>
 */
public final class WorkerLink implements AutoCloseable {
    private static final long RETRY_MILLIS = 500;
    /** How often a running share says how many requests it has sent. */
    private static final long PROGRESS_MILLIS = 200;

    private final MessageChannel channel;
    private final int index;

    private WorkerLink(MessageChannel channel, int index) {
        this.channel = channel;
        this.index = index;
    }

    /**
     * Connects to the coordinator, retrying while it refuses (a pod may start before the address routes)
     * until {@code timeout}, and says hello.
     */
    public static WorkerLink connect(String host, int port, int index, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(10_000, Math.max(1, timeout.toMillis())));
                MessageChannel channel = new MessageChannel(socket);
                channel.send(new Message.Hello(index, ToolInfo.current().version()));
                return new WorkerLink(channel, index);
            } catch (ConnectException e) {
                socket.close();
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException("cannot reach the coordinator at " + host + ":" + port + " within "
                            + timeout.toSeconds() + " s (" + e.getMessage() + ")", e);
                }
                LockSupport.parkNanos(RETRY_MILLIS * 1_000_000);
            }
        }
    }

    /**
     * Answers the coordinator's clock pings until it sends the setup.
     *
     * @throws IOException when the coordinator dismisses this worker (its reason is the message) or is gone
     */
    public WorkerSetup awaitSetup() throws IOException {
        while (true) {
            switch (channel.receive()) {
                case Message.Ping p -> channel.send(new Message.Pong(p.id(), System.nanoTime()));
                case Message.Setup s -> {
                    return s.setup();
                }
                case Message.Bye b -> throw new IOException("the coordinator dismissed this worker: " + b.reason());
                case null -> throw new IOException("the coordinator closed the connection before the setup");
                default -> throw new IOException("unexpected message before the setup");
            }
        }
    }

    /** Tells the coordinator this worker cannot run the benchmark, and why (one line). */
    public void failed(String reason) throws IOException {
        channel.send(new Message.SetupFailed(index, reason));
    }

    /**
     * Says ready, then runs every level the coordinator sends until it says goodbye or its connection ends;
     * with {@code recordsFolder}, also appends each record to that folder's requests.jsonl.
     */
    public void serve(WorkerRuntime runtime, Optional<Path> recordsFolder) throws IOException {
        long origin = System.nanoTime();
        WorkerRecordsFile file = recordsFolder.isPresent() ? new WorkerRecordsFile(recordsFolder.get(), origin) : null;
        channel.send(new Message.Ready(index));
        Running running = null;
        try {
            while (true) {
                Message m = channel.receive();
                switch (m) {
                    case Message.Ping p -> channel.send(new Message.Pong(p.id(), System.nanoTime()));
                    case Message.RunLevel r -> {
                        if (running != null) {
                            running.thread.join();
                        }
                        running = start(r.share(), runtime, file);
                    }
                    case Message.Stop s -> {
                        if (running != null && running.level == s.level()) {
                            running.stop.set(true);
                            if (s.cancelInFlight()) {
                                runtime.client().cancelInFlight();
                            }
                        }
                    }
                    case Message.Bye b -> {
                        return;
                    }
                    case null -> {
                        return;
                    }
                    default -> {
                        // Nothing else is meant for a worker that is serving.
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (running != null && running.thread.isAlive()) {
                // The coordinator is gone or done: nobody waits for these requests any more.
                running.stop.set(true);
                runtime.client().cancelInFlight();
            }
            if (file != null) {
                file.close();
            }
        }
    }

    private record Running(int level, AtomicBoolean stop, Thread thread) {
    }

    private Running start(LevelShare share, WorkerRuntime runtime, WorkerRecordsFile file) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().name("servebench-worker-level-" + share.level())
                .start(() -> runShare(share, runtime, file, stop));
        return new Running(share.level(), stop, thread);
    }

    private void runShare(LevelShare share, WorkerRuntime runtime, WorkerRecordsFile file, AtomicBoolean stop) {
        LevelSpec spec = share.spec();
        boolean main = share.phase().drawsMainRequests();
        RequestFactory factory = new RequestFactory(runtime.prompts().prompts(),
                share.workload().images() > 0 ? runtime.images().get() : null, runtime.ignoreEos(), share.level(),
                main ? runtime.prompts().requests() : RequestSource.SYNTHETIC,
                main ? runtime.conversation() : Conversation.SINGLE_TURN, share.firstEntry());
        RequestSender sender = IndexedSender.of(HttpLevelExecutor.sender(runtime.client(), factory, share.workload()),
                share::globalIndex);
        waitUntil(share.startAtNanos());
        // While requests run long and none ends, the coordinator still learns how many are out, so that a worker
        // that dies then is known to have lost them.
        Thread progress = Thread.ofVirtual().name("servebench-worker-progress").start(() -> {
            long reported = -1;
            while (!Thread.currentThread().isInterrupted()) {
                long sent = factory.asked().requests();
                if (sent != reported) {
                    try {
                        channel.send(new Message.Progress(share.level(), sent));
                    } catch (IOException e) {
                        return;
                    }
                    reported = sent;
                }
                try {
                    Thread.sleep(PROGRESS_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Message done;
        try {
            LoadResult result = LoadRunner.run(spec.load(), spec.bounds(), sender, (local, record) -> {
                int global = share.globalIndex(local);
                if (file != null) {
                    file.append(spec, global, record);
                }
                try {
                    channel.send(new Message.RequestDone(share.level(), global, WireRecord.of(record),
                            factory.asked().requests()));
                } catch (IOException e) {
                    throw new UncheckedIOException("the coordinator is gone", e);
                }
            }, stop::get);
            RequestFactory.Asked asked = factory.asked();
            done = new Message.LevelDone(share.level(), result.startNanos(), result.lastIssueNanos(), result.endNanos(),
                    asked.requests(), asked.promptTokens(), asked.outputTokens(), null, result.engine().orElse(null));
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            RequestFactory.Asked asked = factory.asked();
            done = new Message.LevelDone(share.level(), now, now, now, asked.requests(), asked.promptTokens(),
                    asked.outputTokens(), e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
        progress.interrupt();
        try {
            channel.send(done);
        } catch (IOException e) {
            // The coordinator is gone: the serving loop sees the end of the connection and returns.
        }
    }

    private static void waitUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
