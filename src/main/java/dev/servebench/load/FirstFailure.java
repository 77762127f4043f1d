package dev.servebench.load;

import java.util.concurrent.atomic.AtomicReference;

/** The first throwable of any request's work: once there is one, a run issues no further request. */
final class FirstFailure {
    private final AtomicReference<Throwable> first = new AtomicReference<>();

    void guard(Runnable work) {
        try {
            work.run();
        } catch (Throwable t) {
            record(t);
        }
    }

    void record(Throwable t) {
        first.compareAndSet(null, t);
    }

    boolean happened() {
        return first.get() != null;
    }

    Throwable first() {
        return first.get();
    }
}
