package dev.servebench.distributed;

import dev.servebench.client.ApiKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --workers N}: N worker JVMs on this machine, started with this process's Java and class path,
 * each logging to {@code FOLDER/worker-I/worker.log} and keeping its own requests.jsonl there. The API key
 * reaches them in their environment, never on a command line. They exit when the coordinator says goodbye
 * or is gone; {@link #close()} waits a little for that, then ends any that did not.
 */
public final class LocalWorkers implements WorkerFleet {
    private static final long EXIT_WAIT_MILLIS = 5_000;
    private static final int LOG_TAIL_LINES = 15;

    private final List<Process> processes;
    private final Path folder;

    private LocalWorkers(List<Process> processes, Path folder) {
        this.processes = processes;
        this.folder = folder;
    }

    /**
     * Starts {@code count} workers connecting to the coordinator on loopback port {@code port}.
     *
     * @param entry  the program of a worker process in this JVM's class path (its main class and arguments), to
     *               which the coordinator's address, the index and the folder are added: the caller's, so that this
     *               package knows nothing of the command line above it
     * @param apiKey given to each worker as {@link WorkerSetup#API_KEY_ENV} in its environment, when present
     */
    public static LocalWorkers start(List<String> entry, int count, int port, Path folder, Optional<ApiKey> apiKey)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Path own = workerFolder(folder, i);
                Files.createDirectories(own);
                List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                        classPath));
                command.addAll(entry);
                command.addAll(List.of("--coordinator", "127.0.0.1:" + port, "--index", Integer.toString(i), "--out",
                        own.toString()));
                ProcessBuilder pb = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(own.resolve("worker.log").toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE);
                apiKey.ifPresent(k -> pb.environment().put(WorkerSetup.API_KEY_ENV, k.revealForSecretStore()));
                started.add(pb.start());
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(Process::destroyForcibly);
            throw e;
        }
        return new LocalWorkers(List.copyOf(started), folder);
    }

    /** Where worker {@code index} logs and keeps its own requests.jsonl. */
    public static Path workerFolder(Path folder, int index) {
        return folder.resolve("worker-" + index);
    }

    @Override
    public int size() {
        return processes.size();
    }

    @Override
    public Optional<String> failure() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                return Optional.of("load worker " + i + " exited with code " + p.exitValue() + " before joining; its log "
                        + "ends with:\n" + tail(workerFolder(folder, i).resolve("worker.log")));
            }
        }
        return Optional.empty();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MILLIS);
        for (Process p : processes) {
            try {
                p.getOutputStream().close();
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroy();
                }
            } catch (IOException e) {
                p.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
