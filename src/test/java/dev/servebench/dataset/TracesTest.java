package dev.servebench.dataset;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TracesTest {
    private static final Path DIR = Path.of("src/test/resources/datasets");

    @TempDir
    Path tmp;

    @Test
    void mooncakeMillisecondsBecomeNanosFromTheFirstArrivalInOrder() {
        Trace trace = Traces.read(DIR.resolve("mooncake_sample.jsonl"), Optional.empty(), 0);

        assertThat(trace.format()).isEqualTo(TraceFormat.MOONCAKE);
        assertThat(trace.blockTokens()).isEqualTo(512);
        assertThat(trace.requests()).extracting(TraceRequest::arrivalOffsetNanos)
                .containsExactly(0L, 0L, 1_500_000_000L, 3_250_000_000L, 4_000_500_000L, 6_000_000_000L);
        assertThat(trace.requests()).extracting(TraceRequest::inputTokens)
                .containsExactly(6100, 1200, 512, 5700, 700, 100);
        assertThat(trace.requests().get(0).outputTokens()).isEqualTo(40);
        assertThat(trace.requests().get(0).hashIds()).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L,
                19L, 20L, 21L);
        assertThat(trace.requests().get(2).hashIds()).containsExactly(10L);
        assertThat(trace.durationSeconds()).isEqualTo(6.0);
        assertThat(trace.meanRequestsPerSecond()).isEqualTo(1.0);
        assertThat(trace.distinctBlocks()).isEqualTo(20);
        assertThat(trace.shareOfRequestsSharingABlock()).isEqualTo(0.5);
        assertThat(trace.describe()).contains("6 requests over 6.0 s, 1.00 requests/s mean")
                .contains("20 distinct 512-token prefix blocks, 50.0% of requests share one with another request")
                .contains("input tokens min 100 p50 700 p90 6100 p99 6100 max 6100");
    }

    @Test
    void aLimitKeepsTheFirstArrivalsEvenWhenTheFileIsOutOfOrder() {
        Trace trace = Traces.read(DIR.resolve("mooncake_sample.jsonl"), Optional.of(TraceFormat.MOONCAKE), 3);

        assertThat(trace.requests()).extracting(TraceRequest::inputTokens).containsExactly(6100, 1200, 512);
        assertThat(trace.requests().get(2).arrivalOffsetNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void azureTimestampsWithSevenFractionalDigitsBecomeNanos() {
        Trace trace = Traces.read(DIR.resolve("azure_sample.csv"), Optional.empty(), 0);

        assertThat(trace.format()).isEqualTo(TraceFormat.AZURE);
        assertThat(trace.blockTokens()).isZero();
        assertThat(trace.requests()).extracting(TraceRequest::arrivalOffsetNanos)
                .containsExactly(0L, 319_410_000L, 569_410_000L, 3_319_409_900L, 3_442_866_700L, 60_000_000_000L);
        assertThat(trace.requests()).extracting(TraceRequest::inputTokens)
                .containsExactly(374, 1020, 88, 4096, 640, 2);
        assertThat(trace.requests()).extracting(TraceRequest::outputTokens)
                .containsExactly(44, 210, 17, 64, 320, 93);
        assertThat(trace.requests()).allSatisfy(r -> assertThat(r.hashIds()).isEmpty());
        assertThat(trace.durationSeconds()).isEqualTo(60.0);
        assertThat(trace.meanRequestsPerSecond()).isCloseTo(0.1, within(1e-12));
        assertThat(trace.describe()).doesNotContain("prefix blocks");
    }

    @Test
    void azure2024TimestampsWithOffsetsAndNoFractionAreRead() throws IOException {
        Path file = tmp.resolve("AzureLLMInferenceTrace_conv_1week.csv");
        Files.write(file, List.of("TIMESTAMP,ContextTokens,GeneratedTokens",
                "2024-05-12 00:00:00+00:00,1452,3",
                "2024-05-12 00:00:00.041683+00:00,584,3",
                "2024-05-12 02:00:01.5+02:00,862,38",
                "2024-05-12 00:00:02Z,10,1"));

        Trace trace = Traces.read(file, Optional.empty(), 0);

        assertThat(trace.requests()).extracting(TraceRequest::arrivalOffsetNanos)
                .containsExactly(0L, 41_683_000L, 1_500_000_000L, 2_000_000_000L);
    }

    @Test
    void aTimestampThatIsNotATimeIsNamedWithItsLine() throws IOException {
        Path file = tmp.resolve("bad.csv");
        Files.write(file, List.of("TIMESTAMP,ContextTokens,GeneratedTokens", "2023-11-16 18:15:46.68,10,2",
                "16/11/2023 18:15,10,2"));

        assertThatThrownBy(() -> Traces.read(file, Optional.empty(), 0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("trace " + file + " line 3: TIMESTAMP '16/11/2023 18:15' is not a time like"
                        + " 2023-11-16 18:15:46.6805900 or 2024-05-12 00:00:00.001163+00:00");
    }

    @Test
    void aMooncakeLineWithoutALengthIsNamedWithItsLine() throws IOException {
        Path file = tmp.resolve("trace.jsonl");
        Files.write(file, List.of("{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 2, \"hash_ids\": [1]}",
                "{\"timestamp\": 5, \"output_length\": 2, \"hash_ids\": [1]}"));

        assertThatThrownBy(() -> Traces.read(file, Optional.empty(), 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("trace " + file + " line 2: 'input_length' is missing");
    }

    @Test
    void aFileOfNeitherFormatIsRefusedWithBoth() throws IOException {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "hello\n");

        assertThatThrownBy(() -> Traces.read(file, Optional.empty(), 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot tell its format from line 1 'hello'")
                .hasMessageContaining("TIMESTAMP,ContextTokens,GeneratedTokens");
        assertThatThrownBy(() -> Traces.read(DIR.resolve("azure_sample.csv"), Optional.of(TraceFormat.MOONCAKE), 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 1: not valid JSON");
        assertThatThrownBy(() -> Traces.read(tmp.resolve("missing.jsonl"), Optional.empty(), 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.jsonl: no such file");
    }
}
