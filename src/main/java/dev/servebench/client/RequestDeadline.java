package dev.servebench.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces a total time limit on a blocking request by interrupting the thread doing it. The JDK
 * HTTP client's own timeout covers only the wait for response headers; a stream that stalls after
 * that would otherwise block forever.
 */
final class RequestDeadline implements AutoCloseable {
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRING = 2;
    private static final int EXPIRED = 3;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> timer;

    RequestDeadline(ScheduledExecutorService timers, long timeoutNanos) {
        Thread worker = Thread.currentThread();
        this.timer = timers.schedule(() -> {
            if (state.compareAndSet(RUNNING, EXPIRING)) {
                worker.interrupt();
                state.set(EXPIRED);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    boolean expired() {
        return state.get() >= EXPIRING;
    }

    /** Stops the timer; if it already fired, waits for its interrupt and clears it from this thread. */
    @Override
    public void close() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            timer.cancel(false);
            return;
        }
        while (state.get() == EXPIRING) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
    }
}
