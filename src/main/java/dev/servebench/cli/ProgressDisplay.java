package dev.servebench.cli;

import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.client.RequestRecord;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Live progress on a terminal: phase, level, requests done of planned, output tokens/s over the last
 * two seconds of the level (counted as the answers' chunks arrive), errors; one summary line per finished level.
 */
final class ProgressDisplay implements BenchmarkListener, AutoCloseable {
    private static final long REFRESH_MILLIS = 500;
    /** Long enough to smooth a closed loop's waves, short enough to follow a level's changes. */
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final PrintWriter out;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "servebench-progress");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    /** Tokens of requests that ended: the count where no chunk is counted live (load workers stream elsewhere). */
    private final AtomicLong tokens = new AtomicLong();
    private final LongSupplier liveChunks;
    private final LiveRate rate = new LiveRate(WINDOW_NANOS);
    private volatile String label = "";
    private volatile int planned;

    /**
     * @param liveChunks chunks with answer text received so far (the client's), or null where this process sees no
     *                   answer stream (load workers): then requests' tokens are counted as they end
     */
    ProgressDisplay(PrintWriter out, LongSupplier liveChunks) {
        this.out = out;
        this.liveChunks = liveChunks;
        ticker.scheduleAtFixedRate(this::tick, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onLevelStart(LevelSpec level, int levelNumber, int levelCount) {
        done.set(0);
        errors.set(0);
        rate.restart(System.nanoTime(), count());
        planned = level.bounds().maxRequests().orElse(0);
        label = String.format(Locale.ROOT, "[%d/%d] %s %s", levelNumber, levelCount, level.phase(), level.name());
    }

    @Override
    public void onRequest(LevelSpec level, int index, RequestRecord record) {
        done.incrementAndGet();
        tokens.addAndGet(record.completionTokens());
        if (!record.valid()) {
            errors.incrementAndGet();
        }
    }

    @Override
    public void onLevelEnd(LevelResult result) {
        var m = result.metrics();
        synchronized (out) {
            out.printf(Locale.ROOT, "\r\033[K%s  %d reqs  %.0f total tok/s (%.0f output)  p99 %.3f s  %s%n", label,
                    m.requests(), m.totalTokensPerSecond(), m.outputTokensPerSecond(), m.latencySeconds().p99(),
                    result.verdict().label());
            out.flush();
        }
    }

    @Override
    public void onCooldown(Duration pause) {
        synchronized (out) {
            out.printf(Locale.ROOT, "\r\033[Kcooldown %d s…", pause.toSeconds());
            out.flush();
        }
    }

    private void tick() {
        if (label.isEmpty()) {
            return;
        }
        rate.read(System.nanoTime(), count());
        var perSecond = rate.perSecond();
        synchronized (out) {
            out.printf(Locale.ROOT, "\r\033[K%s  %d/%d done  %s output tok/s  errors %d", label, done.get(), planned,
                    perSecond.isPresent() ? String.format(Locale.ROOT, "%.0f", perSecond.getAsDouble()) : "-",
                    errors.get());
            out.flush();
        }
    }

    private long count() {
        return liveChunks != null ? liveChunks.getAsLong() : tokens.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (out) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
