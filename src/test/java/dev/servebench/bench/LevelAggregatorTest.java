package dev.servebench.bench;

import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.LoadResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LevelAggregatorTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** A valid request sent at {@code sent} s, first token 100 ms later, ending at {@code end} s. */
    private static RequestRecord ok(double sent, double end, int prompt, int completion) {
        long sentNanos = (long) (sent * S);
        long endNanos = (long) (end * S);
        return new RequestRecord(sentNanos, sentNanos, sentNanos + 100 * MS, endNanos, new long[] {10 * MS, 30 * MS},
                prompt, completion, TokenSource.USAGE, 200, RequestOutcome.OK, "length", null);
    }

    private static RequestRecord failed(RequestOutcome outcome, double sent, double end) {
        return new RequestRecord((long) (sent * S), (long) (sent * S), RequestRecord.NONE, (long) (end * S),
                new long[0], 10, 0, TokenSource.ESTIMATED, outcome == RequestOutcome.HTTP_5XX ? 500 : 0, outcome,
                null, "x");
    }

    @Test
    void throughputIsValidTokensOverWallTime() {
        // Wall time 0..4 s; valid tokens: (100+50) + (100+50) + (200+100) = 600 → 150 tok/s total, 50 output.
        LoadResult result = new LoadResult(List.of(ok(0, 1, 100, 50), ok(1, 2, 100, 50), ok(2, 4, 200, 100),
                failed(RequestOutcome.HTTP_5XX, 0, 0.5)), 0, 2 * S, 4 * S);
        LevelMetrics m = LevelAggregator.aggregate(result, Slo.NONE, OptionalDouble.of(2.0));
        assertThat(m.wallSeconds()).isEqualTo(4.0);
        assertThat(m.totalTokensPerSecond()).isCloseTo(150.0, within(1e-9));
        assertThat(m.outputTokensPerSecond()).isCloseTo(50.0, within(1e-9));
        assertThat(m.requestsPerSecond()).isCloseTo(0.75, within(1e-9));
        assertThat(m.successRate()).isCloseTo(0.75, within(1e-9));
        assertThat(m.failuresByClass()).containsEntry("http_5xx", 1);
        assertThat(m.totalTokensPerSecondPerActiveBillion()).isCloseTo(75.0, within(1e-9));
        assertThat(m.latencySeconds().max()).isCloseTo(2.0, within(1e-9));
        assertThat(m.ttftMillis().p50()).isCloseTo(100.0, within(1e-6));
        assertThat(m.itlMillis().count()).isEqualTo(6);
        // TPOT = (end - first token) / (completion - 1): (1 s - 0.1 s) / 49 for the first request.
        assertThat(m.tpotMillis().min()).isCloseTo(900.0 / 49, within(1e-6));
        assertThat(m.tokenSource()).isEqualTo("usage");
        assertThat(m.goodput()).isNull();
    }

    @Test
    void httpOkCountsShortResponsesButValidDoesNot() {
        RequestRecord shortOne = new RequestRecord(0, 0, 1, S, new long[0], 1, 1, TokenSource.USAGE, 200,
                RequestOutcome.SHORT, "stop", "1 of 5");
        LoadResult result = new LoadResult(List.of(ok(0, 1, 1, 5), shortOne), 0, 0, S);
        LevelMetrics m = LevelAggregator.aggregate(result, Slo.NONE, OptionalDouble.empty());
        assertThat(m.httpOkRequests()).isEqualTo(2);
        assertThat(m.validRequests()).isEqualTo(1);
        assertThat(m.httpOkRate()).isEqualTo(1.0);
        assertThat(m.successRate()).isEqualTo(0.5);
    }

    @Test
    void goodputCountsRequestsMeetingEverySlo() {
        Slo slo = new Slo(Optional.of(Duration.ofMillis(150)), Optional.empty(), Optional.of(Duration.ofMillis(1500)));
        LoadResult result = new LoadResult(List.of(ok(0, 1, 100, 50), ok(1, 3, 100, 50)), 0, S, 3 * S);
        LevelMetrics m = LevelAggregator.aggregate(result, slo, OptionalDouble.empty());
        assertThat(m.goodput().requestsMeetingSlo()).isEqualTo(1);
        assertThat(m.goodput().share()).isEqualTo(0.5);
        assertThat(m.goodput().totalTokensPerSecond()).isCloseTo(150.0 / 3, within(1e-9));
    }

    @Test
    void steadyStateWindowRunsFromFirstCompletionToLastIssue() {
        // First completion at 1 s, last issue at 3 s: window 2 s; completions inside (1, 3]: at 2 and 3 s.
        LoadResult result = new LoadResult(List.of(ok(0, 1, 10, 10), ok(0, 2, 10, 10), ok(1, 3, 10, 10),
                ok(3, 5, 10, 10)), 0, 3 * S, 5 * S);
        SteadyState s = LevelAggregator.steadyState(result);
        assertThat(s.windowSeconds()).isEqualTo(2.0);
        assertThat(s.completedRequests()).isEqualTo(2);
        assertThat(s.totalTokensPerSecond()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void steadyStateAbsentWhenTheWindowIsEmpty() {
        LoadResult result = new LoadResult(List.of(ok(0, 1, 10, 10)), 0, 0, S);
        assertThat(LevelAggregator.steadyState(result)).isNull();
    }

    @Test
    void estimatedAndMixedTokenSourcesAreReported() {
        RequestRecord estimated = new RequestRecord(0, 0, 1, S, new long[0], 1, 3, TokenSource.ESTIMATED, 200,
                RequestOutcome.OK, "stop", null);
        LoadResult mixed = new LoadResult(List.of(ok(0, 1, 1, 5), estimated), 0, 0, S);
        assertThat(LevelAggregator.aggregate(mixed, Slo.NONE, OptionalDouble.empty()).tokenSource()).isEqualTo("mixed");
        LoadResult onlyEstimated = new LoadResult(List.of(estimated), 0, 0, S);
        assertThat(LevelAggregator.aggregate(onlyEstimated, Slo.NONE, OptionalDouble.empty()).tokenSource())
                .isEqualTo("estimated");
    }
}
