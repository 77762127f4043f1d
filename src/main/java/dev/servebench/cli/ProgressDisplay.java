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

/**
 * Live progress on a terminal: phase, level, requests done of planned, tokens/s over the last
 * refresh, errors; one summary line per finished level.
 */
final class ProgressDisplay implements BenchmarkListener, AutoCloseable {
    private static final long REFRESH_MILLIS = 500;

    private final PrintWriter out;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "servebench-progress");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicLong tokens = new AtomicLong();
    private volatile String label = "";
    private volatile int planned;
    private long lastTokens;
    private long lastTickNanos = System.nanoTime();

    ProgressDisplay(PrintWriter out) {
        this.out = out;
        ticker.scheduleAtFixedRate(this::tick, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onLevelStart(LevelSpec level, int levelNumber, int levelCount) {
        done.set(0);
        errors.set(0);
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
            out.printf(Locale.ROOT, "\r\033[K%s  %d reqs  %.0f tok/s  p99 %.3f s  %s%n", label, m.requests(),
                    m.totalTokensPerSecond(), m.latencySeconds().p99(), result.verdict().status());
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
        long now = System.nanoTime();
        long t = tokens.get();
        double rate = (t - lastTokens) / ((now - lastTickNanos) / 1e9);
        lastTokens = t;
        lastTickNanos = now;
        synchronized (out) {
            out.printf(Locale.ROOT, "\r\033[K%s  %d/%d done  %.0f output tok/s  errors %d", label, done.get(),
                    planned, rate, errors.get());
            out.flush();
        }
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
