package dev.servebench.distributed;

import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.AsyncRequestSender;
import dev.servebench.load.RequestSender;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedSenderTest {

    private static RequestRecord record(long scheduled) {
        return new RequestRecord(scheduled, scheduled, RequestRecord.NONE, scheduled, new long[0], 1, 1,
                TokenSource.USAGE, 200, RequestOutcome.OK, "stop", null);
    }

    @Test
    void anAsynchronousSenderStaysOneAndStartsTheLevelsRequestNumbers() {
        List<Integer> started = new CopyOnWriteArrayList<>();
        AsyncRequestSender inner = new AsyncRequestSender() {
            @Override
            public CompletableFuture<RequestRecord> start(int index, long scheduledNanos) {
                started.add(index);
                return CompletableFuture.completedFuture(record(scheduledNanos));
            }

            @Override
            public RequestRecord send(int index, long scheduledNanos) {
                throw new AssertionError("not blocking");
            }
        };
        // Worker 1 of 3 in an interleaved share: its requests 0, 1, 2 are the level's 1, 4, 7.
        RequestSender indexed = IndexedSender.of(inner, local -> 1 + local * 3);
        assertThat(indexed).isInstanceOf(AsyncRequestSender.class);
        for (int local = 0; local < 3; local++) {
            ((AsyncRequestSender) indexed).start(local, 0).join();
        }
        assertThat(started).containsExactly(1, 4, 7);
        assertThat(indexed.forWorker(0)).isInstanceOf(AsyncRequestSender.class);
    }

    @Test
    void aBlockingSenderStaysBlocking() {
        List<Integer> sent = new CopyOnWriteArrayList<>();
        RequestSender indexed = IndexedSender.of((index, scheduled) -> {
            sent.add(index);
            return record(scheduled);
        }, local -> 10 + local);
        assertThat(indexed).isNotInstanceOf(AsyncRequestSender.class);
        indexed.send(2, 0);
        assertThat(sent).containsExactly(12);
    }
}
