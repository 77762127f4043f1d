package dev.servebench.load;

import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunnerTest {

    private static RequestRecord record(long scheduled) {
        long now = System.nanoTime();
        return new RequestRecord(scheduled, now, RequestRecord.NONE, now, new long[0], 1, 1, TokenSource.USAGE, 200,
                RequestOutcome.OK, "stop", null);
    }

    @Test
    @Timeout(30)
    void openLoopIssuesEveryArrivalWhileNoRequestHasCompleted() throws Exception {
        int n = 20;
        CountDownLatch allStarted = new CountDownLatch(n);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger completedSeenAtStart = new AtomicInteger();
        LoadResult result = LoadRunner.run(new LoadModel.ConstantRate(2000), RunBounds.requests(n), (i, scheduled) -> {
            completedSeenAtStart.addAndGet(completed.get());
            allStarted.countDown();
            try {
                // Every request blocks until all have been issued: a runner that waited for a
                // completion before the next arrival would deadlock here (and hit the @Timeout).
                allStarted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completed.incrementAndGet();
            return record(scheduled);
        }, RecordListener.NONE);
        assertThat(result.records()).hasSize(n);
        assertThat(completedSeenAtStart.get()).isZero();
    }

    @Test
    void openLoopRecordsScheduledTimesOnTheArrivalGrid() {
        LoadResult result = LoadRunner.run(new LoadModel.ConstantRate(1000), RunBounds.requests(5),
                (i, scheduled) -> record(scheduled), RecordListener.NONE);
        for (int i = 0; i < 5; i++) {
            assertThat(result.records().get(i).scheduledNanos() - result.startNanos()).isEqualTo(i * 1_000_000L);
        }
    }

    @Test
    @Timeout(30)
    void closedLoopNeverExceedsItsConcurrencyAndReachesIt() throws Exception {
        int concurrency = 8;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch fullHouse = new CountDownLatch(concurrency);
        LoadResult result = LoadRunner.run(new LoadModel.ClosedLoop(concurrency), RunBounds.requests(200),
                (i, scheduled) -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    fullHouse.countDown();
                    try {
                        fullHouse.await(); // the first wave waits until all workers are in flight
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    return record(scheduled);
                }, RecordListener.NONE);
        assertThat(result.records()).hasSize(200);
        assertThat(maxInFlight.get()).isEqualTo(concurrency);
    }

    @Test
    void closedLoopWithFewerRequestsThanWorkersSendsExactlyTheRequests() {
        AtomicInteger calls = new AtomicInteger();
        LoadResult result = LoadRunner.run(new LoadModel.ClosedLoop(50), RunBounds.requests(3),
                (i, scheduled) -> {
                    calls.incrementAndGet();
                    return record(scheduled);
                }, RecordListener.NONE);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(result.records()).hasSize(3);
    }

    @Test
    @Timeout(30)
    void durationBoundStopsIssuing() {
        LoadResult result = LoadRunner.run(new LoadModel.ClosedLoop(2),
                RunBounds.duration(Duration.ofMillis(50)), (i, scheduled) -> record(scheduled), RecordListener.NONE);
        assertThat(result.records()).isNotEmpty();
        assertThat(result.lastIssueNanos() - result.startNanos()).isLessThan(Duration.ofMillis(50).toNanos());
    }

    @Test
    void listenerSeesEveryRecordWithItsIndex() {
        AtomicInteger indexSum = new AtomicInteger();
        LoadRunner.run(new LoadModel.ClosedLoop(4), RunBounds.requests(10), (i, s) -> record(s),
                (index, r) -> indexSum.addAndGet(index));
        assertThat(indexSum.get()).isEqualTo(45);
    }

    @Test
    void aWorkerThatThrowsStopsTheLevelAndSurfacesTheThrowable() {
        AtomicInteger sent = new AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoadRunner.run(new LoadModel.ClosedLoop(2),
                        RunBounds.requests(1_000), (i, scheduled) -> {
                            sent.incrementAndGet();
                            return record(scheduled);
                        }, (index, r) -> {
                            if (index == 5) {
                                throw new IllegalArgumentException("listener broke");
                            }
                        }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("listener broke")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        // The other worker stopped too, instead of carrying the level alone to all 1,000 requests (as it
        // did before); how soon depends on scheduling, so only "before the end" is asserted.
        assertThat(sent.get()).isLessThan(1_000);
    }

    @Test
    void theResultSaysWhichEngineIssuedTheRequests() {
        RequestSender blocking = (i, scheduled) -> record(scheduled);
        assertThat(LoadRunner.run(new LoadModel.ClosedLoop(2), RunBounds.requests(4), blocking, RecordListener.NONE)
                .engine()).contains(LoadEngine.THREAD_PER_USER);
        // A sender that can only block costs an open loop a thread per request (AsyncOpenLoopTest: one without).
        assertThat(LoadRunner.run(new LoadModel.ConstantRate(1000), RunBounds.requests(4), blocking,
                RecordListener.NONE).engine()).contains(LoadEngine.THREAD_PER_REQUEST);
    }

    @Test
    void aStopSignalEndsTheLevelEarly() {
        AtomicInteger sent = new AtomicInteger();
        LoadResult result = LoadRunner.run(new LoadModel.ClosedLoop(1), RunBounds.requests(1_000),
                (i, scheduled) -> {
                    sent.incrementAndGet();
                    return record(scheduled);
                }, (index, r) -> { }, () -> sent.get() >= 10);
        assertThat(result.records()).hasSize(10);
    }
}
