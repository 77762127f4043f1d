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

    /** A short label for tables: "c=50", "10.0 req/s", "poisson 10.0 req/s". */
    default String label() {
        return switch (this) {
            case ClosedLoop c -> "c=" + c.concurrency();
            case ConstantRate r -> String.format(java.util.Locale.ROOT, "%.1f req/s", r.requestsPerSecond());
            case PoissonRate p -> String.format(java.util.Locale.ROOT, "poisson %.1f req/s", p.requestsPerSecond());
        };
    }

    private static void requirePositiveRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new BadInputException("request rate must be a positive number, got " + rate);
        }
    }
}
