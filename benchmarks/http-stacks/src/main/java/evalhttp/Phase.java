package evalhttp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** A closed-loop phase of n requests; workers claim indices until exhausted. */
final class Phase {
    final int n;
    final long[] ttft, total;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final CountDownLatch latch = new CountDownLatch(1);
    final LongAdder events = new LongAdder();
    final LongAdder errors = new LongAdder();
    volatile Throwable firstError;

    Phase(int n) { this.n = n; ttft = new long[n]; total = new long[n]; }

    int claim() { int i = next.getAndIncrement(); return i < n ? i : -1; }

    void done(int i, long t0, SseParser p, long end) {
        ttft[i] = p.firstEventNs == 0 ? -1 : p.firstEventNs - t0;
        total[i] = end - t0;
        events.add(p.events);
        if (!p.done || p.events != 17) { errors.increment(); if (firstError == null) firstError = new IllegalStateException("incomplete stream events=" + p.events + " done=" + p.done); }
        finish();
    }

    void fail(int i, Throwable t) {
        total[i] = -1; ttft[i] = -1;
        errors.increment();
        if (firstError == null) firstError = t;
        finish();
    }

    private void finish() { if (completed.incrementAndGet() == n) latch.countDown(); }

    void await() throws InterruptedException {
        if (!latch.await(600, TimeUnit.SECONDS)) throw new IllegalStateException("phase timed out, completed=" + completed.get());
    }
}
