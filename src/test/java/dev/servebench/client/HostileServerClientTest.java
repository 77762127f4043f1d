package dev.servebench.client;

import dev.servebench.testing.HostileServer;
import dev.servebench.testing.HostileServer.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against servers that misbehave (issue #28): each behaviour gets its own class, never a wait for the
 * timeout (the timeout here is a minute; a TIMEOUT outcome would mean the client waited it out), and a broken
 * answer never poisons the connection the next request takes.
 */
class HostileServerClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static EndpointConfig endpoint(HostileServer server) {
        return EndpointConfig.of(server.baseUri(), "m").withTimeouts(Duration.ofSeconds(5), TIMEOUT);
    }

    private static CompletionRequest request() {
        return CompletionRequest.text("hello", 8, true);
    }

    @Test
    void aServerThatStreamsPastMaxTokensIsCutOffAndClassedOverlong() throws Exception {
        try (HostileServer server = HostileServer.always(Mode.OVERLONG);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord r = client.send(request(), System.nanoTime());
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OVERLONG);
            assertThat(r.errorDetail()).contains("max_tokens 8");
            // What one request keeps is bounded by what was asked, not by what the server sends.
            assertThat(r.interTokenGapCount()).isLessThanOrEqualTo(8 + 8 / 4 + 16);
            assertThat(r.httpOk()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"CHUNK_SIZE_NOT_HEX", "CHUNK_SIZE_NEGATIVE", "CHUNK_SIZE_HUGE",
            "CHUNK_WITHOUT_CRLF"})
    void aBrokenChunkIsMalformedAndTheNextRequestIsAnsweredAtOnce(Mode mode) throws Exception {
        try (HostileServer server = HostileServer.first(mode);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord broken = client.send(request(), System.nanoTime());
            RequestRecord next = client.send(request(), System.nanoTime());
            assertThat(broken.outcome()).as(broken.errorDetail()).isEqualTo(RequestOutcome.MALFORMED);
            assertThat(broken.errorDetail()).startsWith("malformed HTTP response");
            assertThat(next.outcome()).as(next.errorDetail()).isEqualTo(RequestOutcome.OK);
        }
    }

    @Test
    void bytesBeyondContentLengthDoNotBecomeTheNextAnswer() throws Exception {
        try (HostileServer server = HostileServer.first(Mode.BYTES_BEYOND_CONTENT_LENGTH);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord first = client.send(request(), System.nanoTime());
            RequestRecord next = client.send(request(), System.nanoTime());
            assertThat(first.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(next.outcome()).as(next.errorDetail()).isEqualTo(RequestOutcome.OK);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HUGE_HEADER", "CONTENT_LENGTH_AND_CHUNKED", "NOT_HTTP"})
    void anUnreadableResponseIsMalformedAtOnce(Mode mode) throws Exception {
        try (HostileServer server = HostileServer.always(mode);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord r = client.send(request(), System.nanoTime());
            assertThat(r.outcome()).as(r.errorDetail()).isEqualTo(RequestOutcome.MALFORMED);
            assertThat(r.httpStatus()).as("no made-up status").isNotEqualTo(999);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTML_LOGIN_PAGE", "UNREQUESTED_GZIP", "BINARY_GARBAGE",
            "JSON_INSTEAD_OF_STREAM", "SSE_WITHOUT_DATA", "EMPTY_200"})
    void aBodyThatIsNotAStreamIsMalformedAndSaysWhatItWas(Mode mode) throws Exception {
        try (HostileServer server = HostileServer.always(mode);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord r = client.send(request(), System.nanoTime());
            assertThat(r.outcome()).as(r.errorDetail()).isEqualTo(RequestOutcome.MALFORMED);
            assertThat(r.errorDetail()).startsWith("not an OpenAI-compatible streaming endpoint: got ");
            String expected = switch (mode) {
                case HTML_LOGIN_PAGE -> "text/html";
                case UNREQUESTED_GZIP -> "gzip";
                case BINARY_GARBAGE -> "binary";
                case JSON_INSTEAD_OF_STREAM -> "stream: true";
                case SSE_WITHOUT_DATA -> "'data:'";
                default -> "empty body";
            };
            assertThat(r.errorDetail()).contains(expected);
        }
    }

    @Test
    void anInterimContinueIsSkippedAndTheRealAnswerRead() throws Exception {
        try (HostileServer server = HostileServer.always(Mode.CONTINUE_THEN_HEALTHY);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord r = client.send(request(), System.nanoTime());
            assertThat(r.outcome()).as(r.errorDetail()).isEqualTo(RequestOutcome.OK);
            assertThat(r.httpStatus()).isEqualTo(200);
            assertThat(r.completionTokens()).isEqualTo(8);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"IMPOSSIBLE_USAGE", "NEGATIVE_USAGE"})
    void impossibleUsageIsAFailureOfItsOwnAndNeverACount(Mode mode) throws Exception {
        try (HostileServer server = HostileServer.always(mode);
             OpenAiClient client = new OpenAiClient(endpoint(server))) {
            RequestRecord r = client.send(request(), System.nanoTime());
            assertThat(r.outcome()).isEqualTo(RequestOutcome.BAD_USAGE);
            assertThat(r.valid()).isFalse();
            assertThat(r.completionTokens()).as("the client's estimate, not the claim").isBetween(0, 8);
            assertThat(r.tokenSource()).isEqualTo(TokenSource.ESTIMATED);
            assertThat(r.errorDetail()).contains(mode == Mode.IMPOSSIBLE_USAGE ? "2000000000" : "-3");
        }
    }

    @Test
    void answerChunksAreCountedAsTheyArriveNotWhenTheRequestEnds() throws Exception {
        // A stream that stalls after its first chunk: the chunk is counted while the request is still open.
        try (HostileServer server = HostileServer.always(Mode.STALL_AFTER_HEADERS);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m")
                     .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)))) {
            var pending = client.sendAsync(request(), System.nanoTime());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.answerChunksReceived() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(client.answerChunksReceived()).isEqualTo(1);
            assertThat(pending).as("the request is still open").isNotDone();
            client.cancelInFlight();
        }
    }
}
