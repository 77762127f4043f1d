package dev.servebench.peers;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import dev.servebench.testing.LlamaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture starts the real llama-server with the generated model, and it behaves as the peers README
 * says tests may rely on: its own tokenizer, its keep-alive limits announced in every response, and the
 * prompt-token counter in /metrics. One test, so that a skip outside CI is reported as a skipped test.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerFixtureTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsTheRealServerWithItsTokenizerKeepAliveLimitsAndMetrics() throws Exception {
        try (LlamaServer server = LlamaServer.startOrSkip()) {
            HttpResponse<String> tokenize = HTTP.send(HttpRequest.newBuilder(server.baseUrl().resolve("/tokenize"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"hello world\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tokenize.statusCode()).as(tokenize.body()).isEqualTo(200);
            JsonNode tokens = Json.mapper().readTree(tokenize.body()).path("tokens");
            assertThat(tokens.isArray()).as(tokenize.body()).isTrue();
            assertThat(tokens).as(tokenize.body()).isNotEmpty();
            // Every response says when the server will close the connection: 5 s idle, 100 requests.
            assertThat(tokenize.headers().firstValue("Keep-Alive")).as(tokenize.headers().map().toString())
                    .contains("timeout=5, max=100");

            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(server.baseUrl().resolve("/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
            assertThat(metrics.body()).as(server.logTail()).contains("llamacpp:prompt_tokens_total");
        }
    }
}
