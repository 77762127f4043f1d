package dev.servebench.load;

import dev.servebench.client.RequestRecord;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The open loop for an {@link AsyncRequestSender}: the calling thread issues every request at its
 * scheduled time and, between issues, hands the records that have ended to the listener.
 *
 * <p>Why not a thread per request: at 10,000 requests/s on two cores, starting a virtual thread
 * per request and waking it when its response ended cost two scheduler hand-offs per request, a
 * quarter of the client's CPU, and left the machine so full that every pause (a GC, a compile)
 * queued up into a tail of tens of milliseconds (BENCHMARKS.md, issue #15). Here the thread that
 * waits for the next arrival anyway is the one that delivers records, so at high rates no request
 * costs a wake-up of its own. At low rates a record that ends while this thread would sleep more
 * than {@link #DELIVERY_LAG_NANOS} wakes it, so the listener (the live log, the failure streak)
 * hears of every request within about a millisecond.
 */
final class AsyncOpenLoop {
    /** How late a record may reach the listener before it wakes the issuing thread. */
    private static final long DELIVERY_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The longest sleep: a stop (an interrupted run, a level given up) is seen within it. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private record Ended(int index, RequestRecord record, Throwable error) {
    }

    private final AsyncRequestSender sender;
    private final RecordListener listener;
    private final BooleanSupplier halt;
    private final FirstFailure failure;
    private final RecordSlots slots;
    private final Thread issuer = Thread.currentThread();
    private final ConcurrentLinkedQueue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When the issuing thread next looks at {@link #ended} by itself; in the past while it is awake. */
    private volatile long sleepsUntilNanos;

    private AsyncOpenLoop(AsyncRequestSender sender, RecordListener listener, BooleanSupplier halt,
                          FirstFailure failure, int maxRequests) {
        this.sender = sender;
        this.listener = listener;
        this.halt = halt;
        this.failure = failure;
        this.slots = new RecordSlots(maxRequests);
        this.sleepsUntilNanos = System.nanoTime();
    }

    static LoadResult run(ArrivalSchedule schedule, RunBounds bounds, AsyncRequestSender sender,
                          RecordListener listener, BooleanSupplier halt, FirstFailure failure) {
        int maxRequests = bounds.maxRequests().orElse(Integer.MAX_VALUE);
        return new AsyncOpenLoop(sender, listener, halt, failure, maxRequests).issue(schedule, bounds, maxRequests);
    }

    private LoadResult issue(ArrivalSchedule schedule, RunBounds bounds, int maxRequests) {
        long start = System.nanoTime();
        long deadline = LoadRunner.deadline(start, bounds);
        long lastIssue = start;
        for (int index = 0; index < maxRequests && schedule.hasNext(); index++) {
            long scheduled = start + schedule.nextOffsetNanos();
            if (scheduled - deadline >= 0 || !deliverUntil(scheduled)) {
                break;
            }
            lastIssue = scheduled;
            if (!start(index, scheduled)) {
                break;
            }
        }
        // The requests in flight end whatever the reason the issuing stopped; their records count.
        while (true) {
            deliver();
            if (inFlight.get() == 0 && ended.isEmpty()) {
                break;
            }
            sleepUnlessEnded(System.nanoTime() + MAX_SLEEP_NANOS, true);
        }
        return slots.result(start, lastIssue, LoadEngine.ONE_ISSUING_THREAD);
    }

    /** Delivers ended records until {@code targetNanos}; false if the run was stopped meanwhile. */
    private boolean deliverUntil(long targetNanos) {
        while (true) {
            deliver();
            if (halt.getAsBoolean()) {
                return false;
            }
            long now = System.nanoTime();
            if (targetNanos - now <= 0) {
                return true;
            }
            sleepUnlessEnded(Math.min(targetNanos, now + MAX_SLEEP_NANOS), false);
        }
    }

    /**
     * Sleeps until {@code untilNanos} or until a record has ended; when {@code lastRequests}, also
     * until none is in flight any more (the level's end).
     */
    private void sleepUnlessEnded(long untilNanos, boolean lastRequests) {
        // Published before the queue and the count are looked at, and a record is queued (and
        // counted out) before the flag is read: either this thread sees the record, or the
        // record's thread sees it asleep and wakes it.
        sleepsUntilNanos = untilNanos;
        if (keepSleeping(lastRequests)) {
            long remaining;
            while ((remaining = untilNanos - System.nanoTime()) > 0 && keepSleeping(lastRequests)) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    // An interrupt ends no sleep on its own here (the run's stop condition does), and
                    // left set it would make every park return at once.
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        sleepsUntilNanos = System.nanoTime();
    }

    private boolean keepSleeping(boolean lastRequests) {
        return ended.isEmpty() && (!lastRequests || inFlight.get() > 0);
    }

    private boolean start(int index, long scheduledNanos) {
        CompletableFuture<RequestRecord> done;
        try {
            done = sender.start(index, scheduledNanos);
        } catch (Throwable t) {
            failure.record(t);
            return false;
        }
        inFlight.incrementAndGet();
        done.whenComplete((record, error) -> {
            ended.add(new Ended(index, record, error));
            inFlight.decrementAndGet();
            if (sleepsUntilNanos - System.nanoTime() > DELIVERY_LAG_NANOS) {
                LockSupport.unpark(issuer);
            }
        });
        return true;
    }

    private void deliver() {
        Ended e;
        while ((e = ended.poll()) != null) {
            if (e.error() != null) {
                failure.record(e.error());
                continue;
            }
            Ended done = e;
            slots.put(done.index(), done.record());
            failure.guard(() -> listener.onRecord(done.index(), done.record()));
        }
    }
}
