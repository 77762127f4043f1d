package dev.servebench.load;

import dev.servebench.client.RequestRecord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link RequestSender} under a {@link LoadModel} until the {@link RunBounds} are reached,
 * one virtual thread per in-flight request, or in an open loop with an {@link AsyncRequestSender}
 * none ({@link AsyncOpenLoop}). In the open-loop models the issuing thread never waits for a
 * completion, so a slow server cannot slow the offered load (no coordinated omission).
 */
public final class LoadRunner {
    private LoadRunner() {
    }

    public static LoadResult run(LoadModel model, RunBounds bounds, RequestSender sender, RecordListener listener) {
        return run(model, bounds, sender, listener, () -> false);
    }

    /**
     * The same, issuing no further request once {@code stop} says so (a level given up). If the
     * sender or the listener throws, no further request is issued either, and the first throwable
     * is rethrown once the requests in flight have ended: a worker must never vanish quietly, taking
     * one unit of concurrency with it while the level still looks healthy.
     */
    public static LoadResult run(LoadModel model, RunBounds bounds, RequestSender sender, RecordListener listener,
                                 BooleanSupplier stop) {
        FirstFailure failure = new FirstFailure();
        BooleanSupplier halt = () -> failure.happened() || stop.getAsBoolean();
        LoadResult result = switch (model) {
            case LoadModel.ClosedLoop c -> runClosed(c.concurrency(), bounds, sender, listener, halt, failure);
            case LoadModel.ConstantRate r -> runOpen(new ArrivalSchedule(r), bounds, sender, listener, halt, failure);
            case LoadModel.PoissonRate p -> runOpen(new ArrivalSchedule(p), bounds, sender, listener, halt, failure);
            case LoadModel.Replay r -> runOpen(new ArrivalSchedule(r), bounds, sender, listener, halt, failure);
        };
        Throwable t = failure.first();
        if (t != null) {
            throw new IllegalStateException("a request worker failed (" + t + "); the level stopped", t);
        }
        return result;
    }

    private static LoadResult runClosed(int concurrency, RunBounds bounds, RequestSender sender,
                                        RecordListener listener, BooleanSupplier halt, FirstFailure failure) {
        int maxRequests = bounds.maxRequests().orElse(Integer.MAX_VALUE);
        RecordSlots slots = new RecordSlots(maxRequests);
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastIssue = new AtomicLong();
        long start = System.nanoTime();
        long deadline = deadline(start, bounds);
        int workers = Math.min(concurrency, maxRequests);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                RequestSender workerSender = sender.forWorker(w);
                pool.execute(() -> failure.guard(() -> {
                    while (true) {
                        long now = System.nanoTime();
                        if (now - deadline >= 0 || halt.getAsBoolean()) {
                            return;
                        }
                        int index = next.getAndIncrement();
                        if (index >= maxRequests) {
                            return;
                        }
                        lastIssue.accumulateAndGet(now, Math::max);
                        RequestRecord record = workerSender.send(index, now);
                        slots.put(index, record);
                        listener.onRecord(index, record);
                    }
                }));
            }
        }
        return slots.result(start, lastIssue.get(), LoadEngine.THREAD_PER_USER);
    }

    private static LoadResult runOpen(ArrivalSchedule schedule, RunBounds bounds, RequestSender sender,
                                      RecordListener listener, BooleanSupplier halt, FirstFailure failure) {
        if (sender instanceof AsyncRequestSender async) {
            return AsyncOpenLoop.run(schedule, bounds, async, listener, halt, failure);
        }
        int maxRequests = bounds.maxRequests().orElse(Integer.MAX_VALUE);
        RecordSlots slots = new RecordSlots(maxRequests);
        long start = System.nanoTime();
        long deadline = deadline(start, bounds);
        long lastIssue = start;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < maxRequests && schedule.hasNext(); index++) {
                long scheduled = start + schedule.nextOffsetNanos();
                if (scheduled - deadline >= 0 || halt.getAsBoolean()) {
                    break;
                }
                waitUntil(scheduled);
                lastIssue = scheduled;
                int i = index;
                pool.execute(() -> failure.guard(() -> {
                    RequestRecord record = sender.send(i, scheduled);
                    slots.put(i, record);
                    listener.onRecord(i, record);
                }));
            }
        }
        return slots.result(start, lastIssue, LoadEngine.THREAD_PER_REQUEST);
    }

    static long deadline(long start, RunBounds bounds) {
        // Far enough in the future to never fire, yet safe from overflow in (now - deadline).
        return bounds.maxDuration().map(d -> start + d.toNanos()).orElse(start + Long.MAX_VALUE / 4);
    }

    private static void waitUntil(long targetNanos) {
        long remaining;
        while ((remaining = targetNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
