package dev.servebench.distributed;

import dev.servebench.bench.LevelSpec;
import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits a level over workers so that together they offer the level's load and send exactly its requests:
 * <ul>
 *   <li>closed loop: the concurrency as evenly as it goes (c = 10 over 4 workers: 3, 3, 2, 2; a worker gets
 *       none when c is below the worker count), and the request count in proportion, each worker taking a
 *       contiguous block of request numbers;</li>
 *   <li>constant rate: each worker r / n, started 1 / r after the previous one, so the arrivals together are
 *       as evenly spaced as one process's; worker w sends the level's requests w, w + n, w + 2n, …;</li>
 *   <li>Poisson: each worker r / n with a seed of its own (the sum of independent Poisson processes is one
 *       of the summed rate), requests interleaved the same way;</li>
 *   <li>trace replay: worker w replays arrivals w, w + n, … at their recorded times.</li>
 * </ul>
 * A duration bound applies to every worker as it is.
 */
public final class LevelShares {
    /** Far from any seed a user gives, so worker seeds do not repeat another worker's stream. */
    private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

    private LevelShares() {
    }

    /**
     * One worker's part.
     *
     * @param startDelayNanos how long after the level's start this worker begins
     */
    public record Part(LoadModel load, RunBounds bounds, int firstIndex, int indexStride, long startDelayNanos) {
    }

    /** The parts for up to {@code workers} workers, worker 0 first; fewer when the level is smaller than that. */
    public static List<Part> split(LevelSpec level, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Optional<Integer> maxRequests = level.bounds().maxRequests();
        Optional<Duration> duration = level.bounds().maxDuration();
        int cap = Math.min(workers, maxRequests.orElse(Integer.MAX_VALUE));
        return switch (level.load()) {
            case LoadModel.ClosedLoop c -> closed(c.concurrency(), Math.min(cap, c.concurrency()), maxRequests, duration);
            case LoadModel.ConstantRate r -> interleaved(cap, maxRequests, duration, (w, n) ->
                    new LoadModel.ConstantRate(r.requestsPerSecond() / n),
                    w -> Math.round(w * 1e9 / r.requestsPerSecond()));
            case LoadModel.PoissonRate p -> interleaved(cap, maxRequests, duration, (w, n) ->
                    new LoadModel.PoissonRate(p.requestsPerSecond() / n, p.seed() + w * SEED_STRIDE), w -> 0L);
            case LoadModel.Replay r -> {
                int n = Math.min(cap, r.requests());
                yield interleaved(n, maxRequests, duration, (w, k) -> new LoadModel.Replay(every(r.offsetsNanos(), w, k),
                        r.speed()), w -> 0L);
            }
        };
    }

    private static List<Part> closed(int concurrency, int n, Optional<Integer> maxRequests, Optional<Duration> duration) {
        List<Part> parts = new ArrayList<>(n);
        int[] requests = maxRequests.map(m -> proportional(m, concurrency, n)).orElse(null);
        int first = 0;
        for (int w = 0; w < n; w++) {
            int c = evenShare(concurrency, n, w);
            if (requests == null) {
                parts.add(new Part(new LoadModel.ClosedLoop(c), new RunBounds(Optional.empty(), duration), w, n, 0));
            } else if (requests[w] > 0) {
                // A level of fewer requests than concurrency never has them all in flight: a worker may get none.
                parts.add(new Part(new LoadModel.ClosedLoop(c), new RunBounds(Optional.of(requests[w]), duration),
                        first, 1, 0));
                first += requests[w];
            }
        }
        return parts;
    }

    /**
     * Requests in proportion to each worker's concurrency, rounded down; each left over goes to the worker with
     * the fewest requests per unit of concurrency (the first of equals).
     */
    private static int[] proportional(int requests, int concurrency, int n) {
        int[] shares = new int[n];
        int[] users = new int[n];
        int given = 0;
        for (int w = 0; w < n; w++) {
            users[w] = evenShare(concurrency, n, w);
            shares[w] = (int) ((long) requests * users[w] / concurrency);
            given += shares[w];
        }
        for (; given < requests; given++) {
            int least = 0;
            for (int w = 1; w < n; w++) {
                if ((long) shares[w] * users[least] < (long) shares[least] * users[w]) {
                    least = w;
                }
            }
            shares[least]++;
        }
        return shares;
    }

    private interface ModelFor {
        LoadModel of(int worker, int workers);
    }

    private interface DelayFor {
        long nanos(int worker);
    }

    private static List<Part> interleaved(int n, Optional<Integer> maxRequests, Optional<Duration> duration,
                                          ModelFor model, DelayFor delay) {
        List<Part> parts = new ArrayList<>(n);
        for (int w = 0; w < n; w++) {
            int worker = w;
            Optional<Integer> mine = maxRequests.map(m -> evenShare(m, n, worker));
            parts.add(new Part(model.of(w, n), new RunBounds(mine, duration), w, n, delay.nanos(w)));
        }
        return parts;
    }

    /** Worker {@code w}'s share of {@code total} split over {@code n} as evenly as it goes, the first ones larger. */
    static int evenShare(int total, int n, int w) {
        return total / n + (w < total % n ? 1 : 0);
    }

    private static long[] every(long[] values, int first, int stride) {
        return Arrays.stream(java.util.stream.IntStream.iterate(first, i -> i < values.length, i -> i + stride)
                .toArray()).mapToLong(i -> values[i]).toArray();
    }
}
