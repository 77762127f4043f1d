package dev.servebench.bench;

import dev.servebench.client.ConnectionUse;
import dev.servebench.client.RequestOutcome;
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
        return aggregate(result, slo, activeParamsBillions, null);
    }

    /** The same, checking the server's token counts against {@code expected} when it is given. */
    public static LevelMetrics aggregate(LoadResult result, Slo slo, OptionalDouble activeParamsBillions,
                                         LengthExpectation expected) {
        List<RequestRecord> records = result.records();
        int n = records.size();
        double[] latency = new double[n];
        double[] latencyScheduled = new double[n];
        double[] ttft = new double[n];
        double[] tpot = new double[n];
        double[] ttfa = new double[n];
        int ttfaCount = 0;
        int gaps = 0;
        for (RequestRecord r : records) {
            if (r.valid()) {
                gaps += r.interTokenGapCount();
            }
        }
        double[] itl = new double[gaps];
        int valid = 0;
        int httpOk = 0;
        int cancelled = 0;
        int ttftCount = 0;
        int tpotCount = 0;
        int itlCount = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        boolean anyUsage = false;
        boolean anyEstimated = false;
        boolean anyUnreadable = false;
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, String> firstFailures = new TreeMap<>();
        int meetingSlo = 0;
        long sloPromptTokens = 0;
        long sloCompletionTokens = 0;
        for (RequestRecord r : records) {
            if (r.httpOk()) {
                httpOk++;
            }
            if (r.outcome() == RequestOutcome.CANCELLED) {
                cancelled++;
            }
            if (!r.valid()) {
                failures.merge(r.outcome().label(), 1, Integer::sum);
                firstFailures.putIfAbsent(r.outcome().label(), r.errorDetail() == null ? "" : r.errorDetail());
                continue;
            }
            latency[valid] = r.latencyNanos() / NANOS_PER_SECOND;
            latencyScheduled[valid] = r.latencyFromScheduledNanos() / NANOS_PER_SECOND;
            valid++;
            if (r.hasFirstToken()) {
                ttft[ttftCount++] = r.ttftNanos() / NANOS_PER_MILLI;
            }
            if (r.firstAnswerNanos() != r.firstTokenNanos() && r.firstAnswerNanos() != RequestRecord.NONE) {
                ttfa[ttfaCount++] = r.timeToFirstAnswerNanos() / NANOS_PER_MILLI;
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
                anyUnreadable |= r.tokenSource() == TokenSource.USAGE_UNREADABLE;
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
        // "unreadable usage" wins over the others: the server sent counts that could not be read, which the user
        // should hear about rather than "no usage block".
        String tokenSource = anyUnreadable ? "unreadable usage" : anyUsage && anyEstimated ? "mixed"
                : anyEstimated ? "estimated" : "usage";
        // Requests the user's interruption cancelled say nothing about the server: not in the rates.
        int judged = n - cancelled;
        return new LevelMetrics(n, valid, httpOk, judged == 0 ? 0 : (double) valid / judged,
                judged == 0 ? 0 : (double) httpOk / judged,
                failures,
                Summary.ofInPlace(Arrays.copyOf(latency, valid)),
                Summary.ofInPlace(Arrays.copyOf(latencyScheduled, valid)),
                Summary.ofInPlace(Arrays.copyOf(ttft, ttftCount)),
                Summary.ofInPlace(itl),
                Summary.ofInPlace(Arrays.copyOf(tpot, tpotCount)),
                promptTokens, completionTokens, tokenSource, wall, total, output, valid / wall,
                steadyState(result), goodput, perActiveBillion,
                ttfaCount == 0 ? null : Summary.ofInPlace(Arrays.copyOf(ttfa, ttfaCount)),
                expected == null ? null : LengthChecks.of(records, expected),
                connections(records), firstFailures.isEmpty() ? null : firstFailures, ttftByTurn(records));
    }

    /** Null unless some request was a conversation's turn. */
    static Map<Integer, Summary> ttftByTurn(List<RequestRecord> records) {
        Map<Integer, List<Double>> byTurn = new TreeMap<>();
        boolean anyTurn = false;
        for (RequestRecord r : records) {
            if (r.turn() == RequestRecord.NO_TURN) {
                continue;
            }
            anyTurn = true;
            if (r.valid() && r.hasFirstToken()) {
                byTurn.computeIfAbsent(r.turn(), t -> new java.util.ArrayList<>()).add(r.ttftNanos() / NANOS_PER_MILLI);
            }
        }
        if (!anyTurn) {
            return null;
        }
        Map<Integer, Summary> out = new TreeMap<>();
        byTurn.forEach((turn, values) -> out.put(turn,
                Summary.ofInPlace(values.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /** Null when no request went over HTTP (the virtual-time simulator). */
    static ConnectionStats connections(List<RequestRecord> records) {
        int fresh = 0;
        int reused = 0;
        int retries = 0;
        double[] connect = new double[records.size()];
        for (RequestRecord r : records) {
            ConnectionUse c = r.connection();
            if (c == ConnectionUse.NOT_APPLICABLE) {
                continue;
            }
            retries += c.retries();
            if (c.reused()) {
                reused++;
            } else {
                connect[fresh++] = c.connectNanos() / NANOS_PER_MILLI;
            }
        }
        if (fresh + reused == 0) {
            return null;
        }
        return new ConnectionStats(fresh, reused, retries, Summary.ofInPlace(Arrays.copyOf(connect, fresh)));
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
