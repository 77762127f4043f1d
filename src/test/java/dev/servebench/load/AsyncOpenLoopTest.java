package dev.servebench.load;

import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open loop with a sender that needs no thread per request ({@link AsyncOpenLoop}). */
class AsyncOpenLoopTest {

    private static RequestRecord record(long scheduled) {
        long now = System.nanoTime();
        return new RequestRecord(scheduled, now, RequestRecord.NONE, now, new long[0], 1, 1, TokenSource.USAGE, 200,
                RequestOutcome.OK, "stop", null);
    }

    /** A sender that only starts requests; a blocking send would be a thread per request. */
    private static AsyncRequestSender starting(BiFunction<Integer, Long, CompletableFuture<RequestRecord>> start) {
        return new AsyncRequestSender() {
            @Override
            public CompletableFuture<RequestRecord> start(int index, long scheduledNanos) {
                return start.apply(index, scheduledNanos);
            }

            @Override
            public RequestRecord send(int index, long scheduledNanos) {
                throw new AssertionError("the open loop must not block on a request");
            }
        };
    }

    /** Starts requests whose futures the test completes, from another thread, when it chooses. */
    private static final class HeldSender implements AsyncRequestSender {
        final List<CompletableFuture<RequestRecord>> started = new CopyOnWriteArrayList<>();
        final List<Long> scheduled = new CopyOnWriteArrayList<>();
        final Set<Thread> startThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger blockingSends = new AtomicInteger();

        @Override
        public CompletableFuture<RequestRecord> start(int index, long scheduledNanos) {
            startThreads.add(Thread.currentThread());
            scheduled.add(scheduledNanos);
            CompletableFuture<RequestRecord> done = new CompletableFuture<>();
            started.add(done);
            return done;
        }

        @Override
        public RequestRecord send(int index, long scheduledNanos) {
            blockingSends.incrementAndGet();
            return record(scheduledNanos);
        }

        void completeAll() {
            for (int i = 0; i < started.size(); i++) {
                started.get(i).complete(record(scheduled.get(i)));
            }
        }
    }

    @Test
    @Timeout(30)
    void issuesEveryArrivalFromTheCallingThreadWithNoneEnded() throws Exception {
        HeldSender sender = new HeldSender();
        int n = 50;
        // Nothing ends until every request has been started: a runner that waited for an end
        // before the next arrival would never finish (and hit the @Timeout).
        Thread completer = Thread.ofPlatform().start(() -> {
            while (sender.started.size() < n) {
                Thread.onSpinWait();
            }
            sender.completeAll();
        });
        LoadResult result = LoadRunner.run(new LoadModel.ConstantRate(5000), RunBounds.requests(n), sender,
                RecordListener.NONE);
        completer.join();
        assertThat(result.records()).hasSize(n);
        assertThat(sender.startThreads).containsExactly(Thread.currentThread());
        assertThat(sender.blockingSends.get()).isZero();
        for (int i = 0; i < n; i++) {
            assertThat(result.records().get(i).scheduledNanos() - result.startNanos()).isEqualTo(i * 200_000L);
        }
    }

    @Test
    @Timeout(30)
    void theListenerHearsEveryRecordOnTheIssuingThreadWithItsIndex() {
        HeldSender sender = new HeldSender();
        List<Integer> heard = new ArrayList<>(); // unsynchronized on purpose: one thread only
        Set<Thread> listenerThreads = ConcurrentHashMap.newKeySet();
        Thread completer = Thread.ofPlatform().start(() -> {
            while (sender.started.size() < 20) {
                Thread.onSpinWait();
            }
            sender.completeAll(); // on this thread: the records end away from the issuing one
        });
        LoadResult result = LoadRunner.run(new LoadModel.ConstantRate(2000), RunBounds.requests(20), sender,
                (index, r) -> {
                    listenerThreads.add(Thread.currentThread());
                    heard.add(index);
                });
        assertThat(heard).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(listenerThreads).containsExactly(Thread.currentThread());
        assertThat(result.records()).hasSize(20);
        assertThat(result.engine()).contains(LoadEngine.ONE_ISSUING_THREAD);
    }

    @Test
    @Timeout(30)
    void aRecordThatEndsBetweenSlowArrivalsIsHeardBeforeTheNextIsIssued() {
        // One arrival per 2 s: the first request ends at once, and the listener must hear it while
        // the loop waits for the second, not only when the second is issued.
        List<String> events = new CopyOnWriteArrayList<>();
        AsyncRequestSender sender = starting((index, scheduledNanos) -> {
            events.add("start " + index);
            return CompletableFuture.supplyAsync(() -> record(scheduledNanos));
        });
        LoadRunner.run(new LoadModel.ConstantRate(0.5), RunBounds.requests(2), sender,
                (index, r) -> events.add("heard " + index));
        assertThat(events).containsExactly("start 0", "heard 0", "start 1", "heard 1");
    }

    @Test
    @Timeout(30)
    void aStopEndsIssuingAndTheRequestsInFlightStillEnd() {
        HeldSender sender = new HeldSender();
        LoadResult result = LoadRunner.run(new LoadModel.ConstantRate(5000), RunBounds.requests(1_000), sender,
                RecordListener.NONE, () -> {
                    if (sender.started.size() >= 10) {
                        sender.completeAll();
                        return true;
                    }
                    return false;
                });
        assertThat(sender.started).hasSize(10);
        assertThat(result.records()).hasSize(10);
    }

    @Test
    @Timeout(30)
    void aFailingListenerStopsTheLevelAndSurfacesTheThrowable() {
        AtomicInteger started = new AtomicInteger();
        AsyncRequestSender sender = starting((index, scheduledNanos) -> {
            started.incrementAndGet();
            return CompletableFuture.completedFuture(record(scheduledNanos));
        });
        assertThatThrownBy(() -> LoadRunner.run(new LoadModel.ConstantRate(10_000), RunBounds.requests(1_000), sender,
                (index, r) -> {
                    if (index == 5) {
                        throw new IllegalArgumentException("listener broke");
                    }
                }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("listener broke")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(started.get()).isLessThan(1_000);
    }

    @Test
    @Timeout(30)
    void aFutureThatFailsIsAFaultOfTheProgramAndSurfaces() {
        AsyncRequestSender sender = starting((index, scheduledNanos) -> index == 3
                ? CompletableFuture.failedFuture(new NullPointerException("bug in the sender"))
                : CompletableFuture.completedFuture(record(scheduledNanos)));
        assertThatThrownBy(() -> LoadRunner.run(new LoadModel.ConstantRate(10_000), RunBounds.requests(100), sender,
                RecordListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bug in the sender");
    }
}
