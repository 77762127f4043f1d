package dev.servebench.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The real llama.cpp {@code llama-server} (see src/test/peers/README.md) serving the tiny random-weight
 * model of {@link TinyLlamaGguf} on a free loopback port, for tests that check servebench against a server
 * we did not write. Tests call {@link #startOrSkip}: outside CI an environment that cannot run it skips the
 * test with the reason; with {@code CI} set it fails it, because .ci/run provides everything it needs.
 *
 * <p>The binary is {@code $SERVEBENCH_LLAMA_SERVER} if set, else the workspace's
 * {@code ../shared/peers/bin/llama-server}, else the committed {@code src/test/peers/llama-server.gz}
 * unpacked once into {@code target/peers/}. The model is generated once into {@code target/peers/}.
 */
public final class LlamaServer implements AutoCloseable {
    public static final String BINARY_VARIABLE = "SERVEBENCH_LLAMA_SERVER";
    static final Path SHARED_BINARY = Path.of("..", "shared", "peers", "bin", "llama-server");
    static final Path PACKED_BINARY = Path.of("src", "test", "peers", "llama-server.gz");
    static final Path DIR = Path.of("target", "peers");
    static final Path MODEL = DIR.resolve("tiny-llama-18m-f16.gguf");
    /** The flags of ../shared/peers/start-llama-server.sh: 4 slots, 4,096 context, 1 thread, /metrics. */
    static final List<String> FLAGS = List.of("--parallel", "4", "-c", "4096", "-t", "1", "--metrics");
    /** It loads in well under a second; the margin is for a loaded 2-core CI machine. */
    private static final Duration READY_LIMIT = Duration.ofSeconds(30);
    /** A port found free can be taken before llama-server binds it; that start is retried on another. */
    private static final int START_ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread reaper;

    private LlamaServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        // A test that forgets close(), or a JVM ended early, must not leave a server running behind it.
        this.reaper = new Thread(process::destroyForcibly, "llama-server-" + port + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * The CI-or-skip policy in one place: starts the server, or, when this environment cannot, fails the
     * calling test under {@code CI} and skips it otherwise, saying why either way.
     */
    public static LlamaServer startOrSkip(String... extraFlags) {
        String reason = unavailableReason().orElse(null);
        if (reason == null) {
            try {
                return start(extraFlags);
            } catch (IOException | RuntimeException e) {
                reason = "llama-server did not start: " + e.getMessage();
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("CI is set but the real llama-server cannot run (.ci/run installs libgomp1; "
                    + "the binary comes from " + PACKED_BINARY + "): " + reason);
        }
        Assumptions.abort("SKIPPED: real llama-server tests need it: " + reason);
        throw new AssertionError("unreachable: Assumptions.abort throws");
    }

    /** Why llama-server cannot run here (wrong platform, libgomp.so.1 missing, no binary), if it cannot. */
    public static Optional<String> unavailableReason() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("llama-server is built for Linux x86-64, this is " + os + " " + arch);
        }
        Optional<String> gomp = libgompMissing();
        if (gomp.isPresent()) {
            return gomp;
        }
        String variable = System.getenv(BINARY_VARIABLE);
        if (variable != null && !variable.isBlank() && !Files.isExecutable(Path.of(variable))) {
            return Optional.of(BINARY_VARIABLE + "=" + variable + " is not an executable file");
        }
        if ((variable == null || variable.isBlank()) && !Files.isExecutable(SHARED_BINARY)
                && !Files.isRegularFile(PACKED_BINARY)) {
            return Optional.of("no llama-server binary: neither " + SHARED_BINARY.toAbsolutePath().normalize()
                    + " nor " + PACKED_BINARY.toAbsolutePath() + " exists");
        }
        return Optional.empty();
    }

    /** Starts llama-server with the usual flags plus {@code extraFlags} and waits until /health says 200. */
    public static LlamaServer start(String... extraFlags) throws IOException {
        Path binary = binary();
        Path model = model();
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOn(freePort(), binary, model, extraFlags);
            } catch (PortTaken e) {
                last = e;
            }
        }
        throw last;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** llama-server's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the server (SIGTERM; this version prints "Aborted" on it) and waits until it has exited. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs and finds the process gone
        }
    }

    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static LlamaServer startOn(int port, Path binary, Path model, String... extraFlags) throws IOException {
        Path log = DIR.resolve("llama-server-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", model.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port)));
        command.addAll(FLAGS);
        command.addAll(Arrays.asList(extraFlags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        LlamaServer server = new LlamaServer(process, port, log);
        try {
            server.awaitReady(command);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Polls /health until it answers 200 (it answers 503 while loading), the process exits, or the limit. */
    private void awaitReady(List<String> command) throws IOException {
        HttpRequest health = HttpRequest.newBuilder(baseUrl().resolve("/health")).timeout(Duration.ofSeconds(2))
                .GET().build();
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        try {
            while (true) {
                try {
                    if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // refused or cut off while it starts: poll again (the exit check and deadline follow)
                }
                // Bounded readiness polling: waitFor doubles as the poll interval and the exit check.
                if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                    String tail = logTail();
                    String message = "llama-server exited with status " + process.exitValue()
                            + " before it was ready; " + String.join(" ", command) + "\n" + tail;
                    throw tail.contains("couldn't bind") ? new PortTaken(message) : new IOException(message);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("llama-server not ready on port " + port + " after "
                            + READY_LIMIT.toSeconds() + " s; " + String.join(" ", command) + "\n" + logTail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for llama-server", e);
        }
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return "--- last lines of " + logFile + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Optional<String> libgompMissing() {
        // ldconfig lives in /sbin on Debian, which is not on every user's PATH.
        String ldconfig = Files.isExecutable(Path.of("/sbin/ldconfig")) ? "/sbin/ldconfig" : "ldconfig";
        try {
            Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
            String cache = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return cache.contains("libgomp.so.1") ? Optional.empty()
                    : Optional.of("libgomp.so.1 is not installed (ldconfig -p does not list it; "
                    + "apt-get install libgomp1)");
        } catch (IOException e) {
            return Optional.of("cannot check for libgomp.so.1: " + ldconfig + " -p failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking for libgomp.so.1");
        }
    }

    /** The binary to run, unpacking the committed copy when neither the variable nor the workspace names one. */
    static Path binary() throws IOException {
        String variable = System.getenv(BINARY_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable).toAbsolutePath();
        }
        if (Files.isExecutable(SHARED_BINARY)) {
            return SHARED_BINARY.toAbsolutePath().normalize();
        }
        return unpacked();
    }

    /** Test classes may start servers concurrently; they prepare target/peers one at a time. */
    private static synchronized Path unpacked() throws IOException {
        Path target = DIR.resolve("llama-server").toAbsolutePath();
        long size = gzipUncompressedSize(PACKED_BINARY);
        if (Files.isExecutable(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(DIR);
        // Unpack beside it and rename over it: a half-written binary is never seen, even by another JVM,
        // and a server still running the old file keeps its inode.
        Path part = Files.createTempFile(DIR, "llama-server-", ".part");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(PACKED_BINARY), 1 << 16)) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    /** gzip's trailer ends with the uncompressed size mod 2^32 (RFC 1952), exact for a 5.5 MB file. */
    private static long gzipUncompressedSize(Path gz) throws IOException {
        try (FileChannel ch = FileChannel.open(gz, StandardOpenOption.READ)) {
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(trailer, ch.size() - 4);
            return Integer.toUnsignedLong(trailer.flip().getInt());
        }
    }

    /** The tiny model, generated once; a file of the wrong size is a stale or foreign one and is rewritten. */
    static synchronized Path model() throws IOException {
        Path target = MODEL.toAbsolutePath();
        if (Files.isRegularFile(target) && Files.size(target) == TinyLlamaGguf.fileSize()) {
            return target;
        }
        Files.createDirectories(DIR);
        Path part = Files.createTempFile(DIR, "tiny-llama-", ".part");
        try {
            TinyLlamaGguf.write(part);
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
