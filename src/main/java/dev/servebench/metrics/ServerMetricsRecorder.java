package dev.servebench.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads the server's own view while each level runs: once as the level starts, every interval on a virtual
 * thread, once as it ends; the first and last make the level's counter differences exact and guarantee a
 * reading per level whatever the interval. A failed reading is counted, never thrown: the level goes on, and
 * the first failure of the run is said once through {@code warnings}.
 *
 * <pre>{@code
 * try (ServerMetricsRecorder recorder = new ServerMetricsRecorder(source, Duration.ofSeconds(1), stderr::println)) {
 *     ServerMetricsRecorder.LevelWindow window = recorder.startLevel(originNanos);
 *     ... run the level ...
 *     ServerMetricsSummary summary = window.finish();
 * }
 * }</pre>
 */
public final class ServerMetricsRecorder implements AutoCloseable {
    /** How long a level's end waits for a reading in progress (each is bounded by its own timeout first). */
    private static final Duration STOP_LIMIT = Duration.ofMinutes(2);
    private final MetricsSource source;
    private final Duration interval;
    private final Consumer<String> warnings;
    private final AtomicBoolean failureSaid = new AtomicBoolean();
    private final AtomicBoolean unknownSaid = new AtomicBoolean();

    /**
     * @param warnings gets at most two lines per run: the first failure, and a source whose names no known
     *                 engine uses
     */
    public ServerMetricsRecorder(MetricsSource source, Duration interval, Consumer<String> warnings) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        this.source = source;
        this.interval = interval;
        this.warnings = warnings;
    }

    public String display() {
        return source.display();
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Reads once now, then every interval until {@link LevelWindow#finish()}.
     *
     * @param originNanos the run's start ({@link System#nanoTime()}): readings are stamped from it
     */
    public LevelWindow startLevel(long originNanos) {
        return new LevelWindow(originNanos);
    }

    @Override
    public void close() {
        source.close();
    }

    /** One level's readings, taken until {@link #finish()}. */
    public final class LevelWindow {
        private final long originNanos;
        private final List<ServerMetricsSummary.Scrape> scrapes = new ArrayList<>();
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread poller;
        private final Object lock = new Object();
        private int failures;
        private String firstFailure;
        private volatile ServerMetricsSummary summary;

        private LevelWindow(long originNanos) {
            this.originNanos = originNanos;
            read(ServerMetricsSummary.Moment.LEVEL_START);
            this.poller = Thread.ofVirtual().name("server-metrics").start(this::poll);
        }

        private void poll() {
            try {
                while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                    read(ServerMetricsSummary.Moment.DURING_LEVEL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void read(ServerMetricsSummary.Moment moment) {
            long elapsedMillis = (System.nanoTime() - originNanos) / 1_000_000;
            try {
                ServerReading reading = source.read(elapsedMillis);
                if (reading.engine().isEmpty() && source instanceof ScrapedEndpoint
                        && unknownSaid.compareAndSet(false, true)) {
                    warnings.accept("server metrics: " + source.display() + " uses none of vLLM's, SGLang's or "
                            + "llama.cpp's metric names; every value is kept raw (server_metrics.last_values in "
                            + "summary.json), but queue depth, KV-cache usage and server TTFT stay empty");
                }
                synchronized (lock) {
                    scrapes.add(new ServerMetricsSummary.Scrape(moment, reading));
                }
            } catch (MetricsUnavailableException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                synchronized (lock) {
                    failures++;
                    if (firstFailure == null) {
                        firstFailure = why;
                    }
                }
                if (failureSaid.compareAndSet(false, true)) {
                    warnings.accept("server metrics: cannot read " + source.display() + ": " + why + "; the run "
                            + "goes on, and each level's server_metrics.scrape_failures in summary.json counts the "
                            + "misses");
                }
            }
        }

        /**
         * Stops the periodic readings, takes the last one and summarises the level. Called once, by the thread
         * that started the level.
         */
        public ServerMetricsSummary finish() {
            if (summary != null) {
                return summary;
            }
            stop.countDown();
            boolean stopped = false;
            try {
                // It may be in the middle of a reading, which the source's timeout bounds.
                stopped = poller.join(STOP_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!stopped) {
                poller.interrupt();
            }
            read(ServerMetricsSummary.Moment.LEVEL_END);
            synchronized (lock) {
                summary = ServerMetricsSummary.of(source.display(), interval.toMillis(), List.copyOf(scrapes),
                        failures, firstFailure);
            }
            return summary;
        }
    }
}
