package dev.servebench.client;

import dev.servebench.server.EventStream;
import dev.servebench.server.StreamingHttpServer;
import dev.servebench.testing.FakeOpenAiServer;
import dev.servebench.testing.FakeOpenAiServer.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against real loopback servers: wire formats, failures, headers. */
class OpenAiClientTest {

    private static RequestRecord sendOne(URI base, EndpointConfig tweak, CompletionRequest request) {
        try (OpenAiClient client = new OpenAiClient(tweak)) {
            return client.send(request, System.nanoTime());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"VLLM", "LLAMA_CPP"})
    void streamingChatCountsTokensFromUsageForEachServerDialect(Dialect dialect) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(dialect)) {
            RequestRecord r = sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m"),
                    CompletionRequest.text("p".repeat(512), 64, true));
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(r.completionTokens()).isEqualTo(64);
            assertThat(r.promptTokens()).isEqualTo(128);
            assertThat(r.tokenSource()).isEqualTo(TokenSource.USAGE);
            assertThat(r.finishReason()).isEqualTo("length");
            assertThat(r.hasFirstToken()).isTrue();
            assertThat(r.interTokenGapCount()).isEqualTo(63);
            assertThat(r.ttftNanos()).isPositive();
            assertThat(r.tpotNanos()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"VLLM", "LLAMA_CPP"})
    void streamingCompletionsApi(Dialect dialect) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(dialect)) {
            RequestRecord r = sendOne(server.baseUri(),
                    EndpointConfig.of(server.baseUri(), "m").withApi(ApiKind.COMPLETIONS),
                    CompletionRequest.text("hello", 8, true));
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(r.completionTokens()).isEqualTo(8);
            assertThat(server.requests().get(0).has("prompt")).isTrue();
        }
    }

    @Test
    void requestBodyAsksForUsageAndSendsBothLengthFieldsAndIgnoreEos() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.VLLM)) {
            sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "my-model"),
                    CompletionRequest.text("hi", 5, true));
            var body = server.requests().get(0);
            assertThat(body.path("model").asText()).isEqualTo("my-model");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(body.path("max_tokens").asInt()).isEqualTo(5);
            assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(5);
            assertThat(body.path("ignore_eos").asBoolean()).isTrue();
            // No seed unless asked: servers then sample as they would for any client.
            assertThat(body.has("seed")).isFalse();
        }
    }

    @Test
    void aSeededRequestSendsItsSeedAndTemperatureZero() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.VLLM)) {
            sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m"),
                    CompletionRequest.text("2+2?", 5, false).withSeed(1234));
            var body = server.requests().get(0);
            assertThat(body.path("seed").asLong()).isEqualTo(1234);
            assertThat(body.path("temperature").asDouble()).isZero();
        }
    }

    @Test
    void serverWithoutUsageGivesEstimatedCounts() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.NO_USAGE)) {
            RequestRecord r = sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m"),
                    CompletionRequest.text("hello", 8, true));
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(r.tokenSource()).isEqualTo(TokenSource.ESTIMATED);
            assertThat(r.completionTokens()).isEqualTo(10); // " word" × 8 = 40 chars / 4
        }
    }

    @Test
    void nonStreamingRequest() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.VLLM)) {
            RequestRecord r = sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m").withStream(false),
                    CompletionRequest.text("hello", 6, true));
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(r.completionTokens()).isEqualTo(6);
            assertThat(r.hasFirstToken()).isFalse();
            assertThat(server.requests().get(0).has("stream_options")).isFalse();
        }
    }

    @Test
    void apiKeyIsSentAsBearerAndNeverLandsInTheRecord() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.VLLM)) {
            EndpointConfig endpoint = EndpointConfig.of(server.baseUri(), "m").withApiKey(ApiKey.of("sk-top-secret"));
            RequestRecord r = sendOne(server.baseUri(), endpoint, CompletionRequest.text("hello", 2, true));
            assertThat(server.authorizationHeaders()).containsExactly("Bearer sk-top-secret");
            assertThat(r.toString()).doesNotContain("sk-top-secret");
        }
    }

    @Test
    void connectionRefusedIsAConnectFailure() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + freePort);
        RequestRecord r = sendOne(base, EndpointConfig.of(base, "m"), CompletionRequest.text("x", 2, false));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.CONNECT);
        assertThat(r.httpStatus()).isZero();
    }

    @Test
    void streamThatStallsHitsTheTotalTimeout() throws Exception {
        // The server sends headers and one token, then nothing: only a total timeout can end this. The
        // limit leaves a cold JVM on a busy machine time for the headers and the token to arrive first.
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(exchange -> {
            EventStream stream = exchange.startEventStream();
            stream.send("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}");
        })) {
            EndpointConfig endpoint = EndpointConfig.of(server.baseUri(), "m")
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1500));
            RequestRecord r = sendOne(server.baseUri(), endpoint, CompletionRequest.text("x", 4, false));
            assertThat(r.outcome()).isEqualTo(RequestOutcome.TIMEOUT);
            assertThat(r.httpStatus()).isEqualTo(200);
            assertThat(r.hasFirstToken()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void connectionResetMidStreamIsAReset() throws Exception {
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(exchange -> {
            EventStream stream = exchange.startEventStream();
            stream.send("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}");
            stream.reset();
        })) {
            RequestRecord r = sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m"),
                    CompletionRequest.text("x", 4, false));
            assertThat(r.outcome()).isEqualTo(RequestOutcome.RESET);
            assertThat(r.httpOk()).isFalse();
        }
    }

    @Test
    void http4xxAnd5xxAreClassifiedWithTheServerMessage() throws Exception {
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(exchange -> {
            if (exchange.bodyText().contains("\"max_tokens\":1,")) {
                exchange.respondJson(400, "{\"error\":{\"message\":\"context too long\",\"type\":\"BadRequestError\","
                        + "\"param\":null,\"code\":400}}");
            } else {
                exchange.respondJson(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"ServiceUnavailable\"}}");
            }
        })) {
            RequestRecord four = sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m"),
                    CompletionRequest.text("x", 1, false));
            assertThat(four.outcome()).isEqualTo(RequestOutcome.HTTP_4XX);
            assertThat(four.httpStatus()).isEqualTo(400);
            assertThat(four.errorDetail()).contains("context too long");
            RequestRecord five = sendOne(server.baseUri(), EndpointConfig.of(server.baseUri(), "m"),
                    CompletionRequest.text("x", 2, false));
            assertThat(five.outcome()).isEqualTo(RequestOutcome.HTTP_5XX);
        }
    }

    @Test
    void keepAliveReusesConnectionsAcrossRequests() throws Exception {
        java.util.Set<Object> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(exchange -> {
            connections.add(exchange.connectionId());
            exchange.respondJson(200, "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hi\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}");
        }); OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m").withStream(false))) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.send(CompletionRequest.text("x", 1, false), System.nanoTime()).outcome())
                        .isEqualTo(RequestOutcome.OK);
            }
        }
        assertThat(connections).hasSize(1);
    }
}
