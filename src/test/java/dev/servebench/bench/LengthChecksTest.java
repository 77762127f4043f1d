package dev.servebench.bench;

import dev.servebench.client.ConnectionUse;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LengthChecksTest {
    private static final long MS = 1_000_000L;

    /** A valid streamed request with {@code chunks} output chunks and the server's counts. */
    private static RequestRecord ok(int prompt, int completion, int chunks, ConnectionUse connection) {
        long[] gaps = new long[chunks - 1];
        java.util.Arrays.fill(gaps, MS);
        return new RequestRecord(0, 0, 10 * MS, 100 * MS, gaps, prompt, completion, TokenSource.USAGE, 200,
                RequestOutcome.OK, "length", null, 10 * MS, connection);
    }

    private static LevelMetrics aggregate(List<RequestRecord> records, LengthExpectation expected) {
        return LevelAggregator.aggregate(new LoadResult(records, 0, 0, 100 * MS), Slo.NONE, OptionalDouble.empty(),
                expected);
    }

    private static LengthExpectation asked(int prompt, int overhead, boolean exact) {
        return new LengthExpectation(prompt, overhead, exact, "the server's /tokenize", 64, true);
    }

    @Test
    void promptsOfTheAskedLengthPlusTheTemplateRaiseNoNote() {
        LevelMetrics m = aggregate(List.of(ok(142, 64, 64, ConnectionUse.NOT_APPLICABLE),
                ok(142, 64, 64, ConnectionUse.NOT_APPLICABLE)), asked(128, 14, true));
        assertThat(m.lengths().notes()).isEmpty();
        assertThat(m.lengths().serverPromptTokens().mean()).isEqualTo(142);
        assertThat(m.lengths().promptDeviation()).isEqualTo(0.0);
        assertThat(m.lengths().templateOverheadTokens()).isEqualTo(14);
    }

    @Test
    void promptsSizedByTheCharacterEstimateThatCameOutLongAreReported() {
        // What the issue measured: --input-tokens 128 at ~4 characters per token, ~200 by the server.
        LevelMetrics m = aggregate(List.of(ok(195, 64, 64, ConnectionUse.NOT_APPLICABLE),
                ok(205, 64, 64, ConnectionUse.NOT_APPLICABLE)), asked(128, -1, false));
        assertThat(m.lengths().notes()).singleElement().asString()
                .contains("counted 200.0", "asked 128 (template overhead unknown)", "+56.3 %", "--tokenizer");
        assertThat(m.lengths().promptDeviation()).isCloseTo(0.5625, within(1e-9));
    }

    @Test
    void tokensPackedInChunksAreExplained() {
        LevelMetrics m = aggregate(List.of(ok(142, 64, 32, ConnectionUse.NOT_APPLICABLE)), asked(128, 14, true));
        assertThat(m.lengths().completionTokensPerChunk()).isEqualTo(2.0);
        assertThat(m.lengths().notes()).singleElement().asString().contains("2.00 tokens per streamed chunk");
    }

    @Test
    void connectionsAndRetriesAreCountedPerLevel() {
        LevelMetrics m = aggregate(List.of(ok(142, 64, 64, new ConnectionUse(false, 2 * MS, 0)),
                ok(142, 64, 64, new ConnectionUse(true, 0, 0)),
                ok(142, 64, 64, new ConnectionUse(false, 4 * MS, 1))), asked(128, 14, true));
        assertThat(m.connections().newConnections()).isEqualTo(2);
        assertThat(m.connections().reusedConnections()).isEqualTo(1);
        assertThat(m.connections().retries()).isEqualTo(1);
        assertThat(m.connections().connectMillis().mean()).isEqualTo(3.0);
    }
}
