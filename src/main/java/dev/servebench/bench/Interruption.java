package dev.servebench.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop a run early (the user pressed Ctrl-C, or the process got SIGTERM), shared by
 * whoever must react: the benchmark issues no further request and runs no further level, and once
 * the grace period has passed the requests still in flight are cancelled, so that what was
 * measured is summarised, reported and stored instead of lost.
 */
public final class Interruption {
    /** Long enough for short answers in flight to finish, short enough that nobody presses twice. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final AtomicBoolean requested = new AtomicBoolean();
    private final List<Runnable> afterGrace = new CopyOnWriteArrayList<>();
    private final Duration grace;

    public Interruption(Duration grace) {
        this.grace = grace;
    }

    /** An interruption nobody will request (library use, tests). */
    public static Interruption none() {
        return new Interruption(DEFAULT_GRACE);
    }

    public boolean requested() {
        return requested.get();
    }

    public Duration grace() {
        return grace;
    }

    /**
     * Runs {@code action} once the grace period after the request has passed (cancel what is in flight),
     * unless the returned handle was closed before: a client that served one trial of many is closed with it.
     */
    public Registration afterGrace(Runnable action) {
        afterGrace.add(action);
        return () -> afterGrace.remove(action);
    }

    /** Withdraws an action given to {@link #afterGrace}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Returns true for the first request only. */
    public boolean request() {
        if (!requested.compareAndSet(false, true)) {
            return false;
        }
        Thread.ofVirtual().name("servebench-interruption-grace").start(() -> {
            try {
                Thread.sleep(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            afterGrace.forEach(Runnable::run);
        });
        return true;
    }
}
