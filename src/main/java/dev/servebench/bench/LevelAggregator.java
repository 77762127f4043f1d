package dev.servebench.bench;

import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.LoadResult;
import dev.servebench.stats.Summary;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Computes a level's {@link LevelMetrics} from its request records. */
public final class LevelAggregator {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MILLI = 1e6;

    private LevelAggregator() {
    }

    public static LevelMetrics aggregate(LoadResult result, Slo slo, OptionalDouble activeParamsBillions) {
        List<RequestRecord> records = result.records();
        int n = records.size();
        double[] latency = new double[n];
        double[] latencyScheduled = new double[n];
        double[] ttft = new double[n];
        double[] tpot = new double[n];
        int gaps = 0;
        for (RequestRecord r : records) {
            if (r.valid()) {
                gaps += r.interTokenGapCount();
            }
        }
        double[] itl = new double[gaps];
        int valid = 0;
        int httpOk = 0;
        int ttftCount = 0;
        int tpotCount = 0;
        int itlCount = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        boolean anyUsage = false;
        boolean anyEstimated = false;
        Map<String, Integer> failures = new TreeMap<>();
        int meetingSlo = 0;
        long sloPromptTokens = 0;
        long sloCompletionTokens = 0;
        for (RequestRecord r : records) {
            if (r.httpOk()) {
                httpOk++;
            }
            if (!r.valid()) {
                failures.merge(r.outcome().label(), 1, Integer::sum);
                continue;
            }
            latency[valid] = r.latencyNanos() / NANOS_PER_SECOND;
            latencyScheduled[valid] = r.latencyFromScheduledNanos() / NANOS_PER_SECOND;
            valid++;
            if (r.hasFirstToken()) {
                ttft[ttftCount++] = r.ttftNanos() / NANOS_PER_MILLI;
            }
            if (r.tpotNanos() != RequestRecord.NONE) {
                tpot[tpotCount++] = r.tpotNanos() / NANOS_PER_MILLI;
            }
            for (int g = 0; g < r.interTokenGapCount(); g++) {
                itl[itlCount++] = r.interTokenGapNanos(g) / NANOS_PER_MILLI;
            }
            promptTokens += r.promptTokens();
            completionTokens += r.completionTokens();
            if (r.tokenSource() == TokenSource.USAGE) {
                anyUsage = true;
            } else {
                anyEstimated = true;
            }
            if (slo.isSet() && slo.isMetBy(r)) {
                meetingSlo++;
                sloPromptTokens += r.promptTokens();
                sloCompletionTokens += r.completionTokens();
            }
        }
        double wall = Math.max(result.wallSeconds(), 1e-9);
        double total = (promptTokens + completionTokens) / wall;
        double output = completionTokens / wall;
        Goodput goodput = slo.isSet()
                ? new Goodput(slo.toString(), meetingSlo, n == 0 ? 0 : (double) meetingSlo / n,
                (sloPromptTokens + sloCompletionTokens) / wall, sloCompletionTokens / wall)
                : null;
        Double perActiveBillion = activeParamsBillions.isPresent() && activeParamsBillions.getAsDouble() > 0
                ? total / activeParamsBillions.getAsDouble() : null;
        String tokenSource = anyUsage && anyEstimated ? "mixed" : anyEstimated ? "estimated" : "usage";
        return new LevelMetrics(n, valid, httpOk, n == 0 ? 0 : (double) valid / n, n == 0 ? 0 : (double) httpOk / n,
                failures,
                Summary.ofInPlace(Arrays.copyOf(latency, valid)),
                Summary.ofInPlace(Arrays.copyOf(latencyScheduled, valid)),
                Summary.ofInPlace(Arrays.copyOf(ttft, ttftCount)),
                Summary.ofInPlace(itl),
                Summary.ofInPlace(Arrays.copyOf(tpot, tpotCount)),
                promptTokens, completionTokens, tokenSource, wall, total, output, valid / wall,
                steadyState(result), goodput, perActiveBillion);
    }

    /** Null when the window is empty or holds fewer than two completions. */
    static SteadyState steadyState(LoadResult result) {
        long firstCompletion = Long.MAX_VALUE;
        for (RequestRecord r : result.records()) {
            firstCompletion = Math.min(firstCompletion, r.endNanos());
        }
        long windowStart = firstCompletion;
        long windowEnd = result.lastIssueNanos();
        if (firstCompletion == Long.MAX_VALUE || windowEnd <= windowStart) {
            return null;
        }
        int completed = 0;
        long tokens = 0;
        long outputTokens = 0;
        for (RequestRecord r : result.records()) {
            if (r.valid() && r.endNanos() > windowStart && r.endNanos() <= windowEnd) {
                completed++;
                tokens += r.totalTokens();
                outputTokens += r.completionTokens();
            }
        }
        if (completed < 2) {
            return null;
        }
        double seconds = (windowEnd - windowStart) / NANOS_PER_SECOND;
        return new SteadyState(seconds, completed, tokens / seconds, outputTokens / seconds, completed / seconds);
    }
}
