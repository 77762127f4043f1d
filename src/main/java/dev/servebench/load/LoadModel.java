package dev.servebench.load;

import dev.servebench.BadInputException;

/** How requests are offered to the server. */
public sealed interface LoadModel {

    /** N workers, each sending its next request as soon as its previous one ends (the study's model). */
    record ClosedLoop(int concurrency) implements LoadModel {
        public ClosedLoop {
            if (concurrency < 1) {
                throw new BadInputException("concurrency must be at least 1, got " + concurrency);
            }
        }
    }

    /** Arrivals at exactly {@code requestsPerSecond}, evenly spaced, whatever the server does. */
    record ConstantRate(double requestsPerSecond) implements LoadModel {
        public ConstantRate {
            requirePositiveRate(requestsPerSecond);
        }
    }

    /** Arrivals as a Poisson process of mean rate {@code requestsPerSecond}; reproducible by seed. */
    record PoissonRate(double requestsPerSecond, long seed) implements LoadModel {
        public PoissonRate {
            requirePositiveRate(requestsPerSecond);
        }
    }

    /**
     * Arrivals at the recorded times of a trace, played {@code speed} times faster (2 halves every gap),
     * whatever the server does: each request is timed from its scheduled arrival.
     *
     * @param offsetsNanos arrival of each request from the trace's first, ascending
     */
    record Replay(long[] offsetsNanos, double speed) implements LoadModel {
        public Replay {
            offsetsNanos = offsetsNanos.clone();
            for (int i = 1; i < offsetsNanos.length; i++) {
                if (offsetsNanos[i] < offsetsNanos[i - 1]) {
                    throw new IllegalArgumentException("trace arrivals must be ascending at " + i);
                }
            }
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new BadInputException("--trace-speed must be a positive number, got " + speed);
            }
        }

        public int requests() {
            return offsetsNanos.length;
        }
    }

    /** A short label for tables: "c=50", "10.0 req/s", "poisson 10.0 req/s", "trace x2". */
    default String label() {
        return switch (this) {
            case ClosedLoop c -> "c=" + c.concurrency();
            case ConstantRate r -> String.format(java.util.Locale.ROOT, "%.1f req/s", r.requestsPerSecond());
            case PoissonRate p -> String.format(java.util.Locale.ROOT, "poisson %.1f req/s", p.requestsPerSecond());
            case Replay r -> String.format(java.util.Locale.ROOT, "trace x%s", trim(r.speed()));
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void requirePositiveRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new BadInputException("request rate must be a positive number, got " + rate);
        }
    }
}
