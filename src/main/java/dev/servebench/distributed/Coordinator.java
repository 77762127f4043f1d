package dev.servebench.distributed;

import dev.servebench.results.ToolInfo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The coordinator's listening end: workers connect, say hello, have their clock offset measured, get the
 * {@link WorkerSetup} and say when they are ready. {@link #executor()} then runs levels over the joined
 * workers. Closing says goodbye to every worker (they exit) and stops listening.
 *
 * <pre>{@code
 * try (Coordinator coordinator = Coordinator.open(InetAddress.getLoopbackAddress(), 0, setup, say)) {
 *     // start workers with: servebench worker --coordinator 127.0.0.1:<coordinator.port()> --index I
 *     coordinator.awaitWorkers(4, Duration.ofSeconds(60), Optional::empty);
 *     session.benchmark(target, config, coordinator.executor())...
 * }
 * }</pre>
 */
public final class Coordinator implements AutoCloseable {
    /** Clock samples per worker at join; the one with the shortest round trip is kept. */
    private static final int PINGS = 8;
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);
    /** A worker prepares its prompts against the server (tokenizer, probe request) before it is ready. */
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(5);

    private final ServerSocket server;
    private final WorkerSetup setup;
    private final Consumer<String> say;
    private final String version;
    private final TreeMap<Integer, RemoteWorker> joined = new TreeMap<>();
    private final List<String> joinFailures = new ArrayList<>();
    private final DistributedLevelExecutor executor;
    private volatile boolean closed;

    private Coordinator(ServerSocket server, WorkerSetup setup, Consumer<String> say) {
        this.server = server;
        this.setup = setup;
        this.say = say;
        this.version = ToolInfo.current().version();
        this.executor = new DistributedLevelExecutor(this, say);
    }

    /**
     * Listens on {@code bind}:{@code port} (0: any free port) for workers.
     *
     * @param say gets one line per event a user should know of (a worker gone, a share failed)
     */
    public static Coordinator open(InetAddress bind, int port, WorkerSetup setup, Consumer<String> say)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, port));
        Coordinator c = new Coordinator(server, setup, say);
        Thread.ofVirtual().name("servebench-coordinator-accept").start(c::acceptUntilClosed);
        return c;
    }

    public int port() {
        return server.getLocalPort();
    }

    public DistributedLevelExecutor executor() {
        return executor;
    }

    /**
     * Waits until {@code count} workers have joined and are ready.
     *
     * @param launchFailure says why a worker cannot join any more (its process exited, its pod failed), or empty
     * @throws WorkersUnavailableException when a worker could not prepare, could not start, or not all joined in time
     */
    public void awaitWorkers(int count, Duration timeout, Supplier<Optional<String>> launchFailure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (joined.size() < count) {
                if (!joinFailures.isEmpty()) {
                    throw new WorkersUnavailableException(joinFailures.getFirst());
                }
                Optional<String> failure = launchFailure.get();
                if (failure.isPresent()) {
                    throw new WorkersUnavailableException(failure.get());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new WorkersUnavailableException("only " + joined.size() + " of " + count
                            + " load workers joined within " + timeout.toSeconds() + " s");
                }
                wait(Math.min(200, Math.max(1, left / 1_000_000)));
            }
        }
    }

    /** The workers still connected, by index. */
    synchronized List<RemoteWorker> live() {
        return joined.values().stream().filter(RemoteWorker::alive).sorted(Comparator.comparingInt(RemoteWorker::index))
                .toList();
    }

    /** Why each worker that is gone went, for a message when none is left. */
    synchronized String goneReasons() {
        return String.join("; ", joined.values().stream().filter(w -> !w.alive())
                .map(w -> "worker " + w.index() + ": " + w.goneReason()).toList());
    }

    private void acceptUntilClosed() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("servebench-coordinator-join").start(() -> join(socket));
            } catch (IOException e) {
                if (!closed) {
                    say.accept("stopped accepting load workers: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void join(Socket socket) {
        MessageChannel channel;
        try {
            channel = new MessageChannel(socket);
        } catch (IOException e) {
            return;
        }
        int index = -1;
        try {
            channel.receiveTimeoutMillis((int) HELLO_TIMEOUT.toMillis());
            if (!(channel.receive() instanceof Message.Hello hello)) {
                channel.close();
                return;
            }
            index = hello.index();
            if (!version.equals(hello.version())) {
                failJoin(channel, "load worker " + index + " runs servebench " + hello.version()
                        + ", this coordinator " + version + ": run both from the same build (image)");
                return;
            }
            long offset = measureOffset(channel);
            channel.send(new Message.Setup(setup));
            channel.receiveTimeoutMillis((int) SETUP_TIMEOUT.toMillis());
            Message answer = channel.receive();
            switch (answer) {
                case Message.Ready r -> register(new RemoteWorker(index, channel, offset), channel);
                case Message.SetupFailed f -> failJoin(channel, "load worker " + index + " could not prepare: "
                        + f.reason());
                case null -> failJoin(channel, "load worker " + index + " closed its connection while preparing");
                default -> failJoin(channel, "load worker " + index + " sent " + answer.getClass().getSimpleName()
                        + " instead of ready");
            }
        } catch (SocketTimeoutException e) {
            failJoin(channel, "load worker " + (index < 0 ? "(unknown)" : index) + " did not answer in time while joining");
        } catch (IOException | RuntimeException e) {
            failJoin(channel, "load worker " + (index < 0 ? "(unknown)" : index) + " failed while joining: "
                    + e.getMessage());
        }
    }

    /** The worker's clock minus ours, from the ping with the shortest round trip. */
    private static long measureOffset(MessageChannel channel) throws IOException {
        long bestRoundTrip = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < PINGS; i++) {
            long sent = System.nanoTime();
            channel.send(new Message.Ping(i));
            if (!(channel.receive() instanceof Message.Pong pong) || pong.id() != i) {
                throw new IOException("expected pong " + i);
            }
            long received = System.nanoTime();
            long roundTrip = received - sent;
            if (roundTrip < bestRoundTrip) {
                bestRoundTrip = roundTrip;
                offset = ClockOffset.workerMinusCoordinator(sent, pong.workerNanos(), received);
            }
        }
        return offset;
    }

    private void register(RemoteWorker worker, MessageChannel channel) throws IOException {
        synchronized (this) {
            if (closed || joined.containsKey(worker.index())) {
                channel.send(new Message.Bye(closed ? "the run is over" : "another worker has index " + worker.index()));
                channel.close();
                return;
            }
            channel.receiveTimeoutMillis(0);
            joined.put(worker.index(), worker);
            notifyAll();
        }
        Thread.ofVirtual().name("servebench-coordinator-worker-" + worker.index()).start(worker::readUntilClosed);
    }

    private void failJoin(MessageChannel channel, String why) {
        synchronized (this) {
            joinFailures.add(why);
            notifyAll();
        }
        try {
            channel.send(new Message.Bye(why));
        } catch (IOException e) {
            // It is gone already.
        }
        channel.close();
    }

    /** Says goodbye to every worker (each exits) and stops listening. */
    @Override
    public void close() {
        List<RemoteWorker> workers;
        synchronized (this) {
            closed = true;
            workers = List.copyOf(joined.values());
        }
        try {
            server.close();
        } catch (IOException e) {
            // Not listening any more either way.
        }
        workers.forEach(w -> w.close("the run is over"));
    }
}
