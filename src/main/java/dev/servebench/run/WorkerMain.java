package dev.servebench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The program of a load worker that {@code bench --workers N} starts on this machine: the application's entry, not
 * the command line's (no command-line parser, no command tree to load). It takes exactly what the coordinator's
 * {@code distributed.LocalWorkers} gives it, {@code --coordinator HOST:PORT --index I --out DIR}; the worker pods of
 * {@code bench --k8s} run {@code servebench worker}, which takes the same and more.
 */
public final class WorkerMain {
    /** How long a local worker retries reaching its coordinator (which is already listening when it starts). */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        WorkerRun.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("servebench worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        int me = options.index();
        try {
            WorkerRun.run(options, line -> System.err.println("servebench worker " + me + ": " + line));
        } catch (Exception | Error e) {
            // The coordinator reads the log's last lines when a worker never joins or drops out.
            System.err.println("servebench worker " + me + ": " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    static WorkerRun.Options parse(String[] args) {
        String coordinator = null;
        Integer index = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--coordinator" -> coordinator = value;
                case "--index" -> index = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i - 1]
                        + "; expected --coordinator HOST:PORT --index I [--out DIR]");
            }
        }
        if (coordinator == null || index == null) {
            throw new IllegalArgumentException("expected --coordinator HOST:PORT --index I [--out DIR]");
        }
        int colon = coordinator.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--coordinator " + coordinator + " is not HOST:PORT");
        }
        return new WorkerRun.Options(coordinator.substring(0, colon),
                Integer.parseInt(coordinator.substring(colon + 1)), index, Optional.ofNullable(out), JOIN_TIMEOUT);
    }
}
