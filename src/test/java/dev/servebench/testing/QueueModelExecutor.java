package dev.servebench.testing;

import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.RequestFactory;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A closed-loop level run in virtual time against a toy continuous-batching server: each decode
 * step takes {@code stepBaseMs + perSequenceMs × concurrency}, prefill runs at
 * {@code prefillTokensPerMs}. Throughput therefore rises with concurrency and flattens, and latency
 * grows, like a real server, so reports of "predicted" campaigns get realistic shapes in
 * milliseconds of test time. Seeded: the same level gives the same records.
 */
public record QueueModelExecutor(double stepBaseMs, double perSequenceMs, double prefillTokensPerMs, long seed)
        implements LevelExecutor {
    private static final long NANOS_PER_MS = 1_000_000L;

    @Override
    public LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener) {
        int concurrency = Math.max(1, level.concurrency());
        int total = level.bounds().maxRequests().orElse(concurrency * 2);
        int input = level.workload().inputTokens();
        int output = level.workload().outputTokens();
        Random random = new Random(seed ^ level.name().hashCode() ^ level.phase().ordinal());
        long origin = System.nanoTime();
        double stepMs = stepBaseMs + perSequenceMs * concurrency;
        PriorityQueue<long[]> workers = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int w = 0; w < Math.min(concurrency, total); w++) {
            workers.add(new long[] {origin});
        }
        List<RequestRecord> records = new ArrayList<>(total);
        long lastIssue = origin;
        long end = origin;
        for (int i = 0; i < total; i++) {
            long[] worker = workers.poll();
            long sent = worker[0];
            lastIssue = Math.max(lastIssue, sent);
            double ttftMs = input / prefillTokensPerMs * (1 + 0.02 * concurrency) + stepMs * (0.5 + random.nextDouble());
            long firstToken = sent + (long) (ttftMs * NANOS_PER_MS);
            long[] gaps = new long[Math.max(0, output - 1)];
            long t = firstToken;
            for (int g = 0; g < gaps.length; g++) {
                gaps[g] = (long) (stepMs * (0.8 + 0.4 * random.nextDouble()) * NANOS_PER_MS);
                t += gaps[g];
            }
            RequestRecord r = new RequestRecord(sent, sent, firstToken, t, gaps, input, output, TokenSource.USAGE, 200,
                    RequestOutcome.OK, "length", null);
            records.add(r);
            listener.onRecord(i, r);
            worker[0] = t;
            workers.add(worker);
            end = Math.max(end, t);
        }
        return new LoadResult(records, origin, lastIssue, end);
    }
}
