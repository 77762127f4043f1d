package dev.servebench.client;

/**
 * How the client's work is split over threads. Both kinds are busy under load: Netty's event loops
 * read, parse and time the responses, and the virtual threads' carriers build and issue the next
 * requests and hand records on. Left to their defaults each takes one thread per core, twice as
 * many busy threads as cores; halving each gave 1.3× the request rate at 2,000 streams on 2 cores
 * (BENCHMARKS.md, issue #15). {@code -Dservebench.eventLoops=N} and the JDK's
 * {@code -Djdk.virtualThreadScheduler.parallelism=N} override the split.
 */
public final class ClientThreads {
    private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    private ClientThreads() {
    }

    /** Event loops of the HTTP client: half the cores, at least one. */
    static int eventLoops() {
        return Integer.getInteger("servebench.eventLoops", Math.max(1, cores() / 2));
    }

    /**
     * Gives the virtual threads' scheduler the cores the event loops leave, unless the user chose.
     * Must run before the first virtual thread starts: the JDK reads the setting once.
     */
    public static void shareCoresWithEventLoops() {
        if (System.getProperty(CARRIERS) == null) {
            System.setProperty(CARRIERS, Integer.toString(Math.max(1, cores() - eventLoops())));
        }
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
