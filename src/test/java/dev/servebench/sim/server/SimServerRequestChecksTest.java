package dev.servebench.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.server.StreamingHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request checks of the simulator's OpenAI front end against vLLM 0.14.1 (the version the simulator is
 * calibrated on): large bodies, the body size limit, sampling parameters, inline images, the model
 * field and the context-length message (issue 11).
 */
class SimServerRequestChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimServer server;

    @BeforeAll
    static void start() throws IOException {
        server = SimServerWireTest.start(FaultPlan.NONE, Integer.MAX_VALUE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String chatWithImage(String url) {
        return "{\"model\":\"sim-model\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"abcd\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url
                + "\"}}]}]}";
    }

    @Test
    void bodiesUpToTheLimitAreReadAndParsed() throws IOException {
        // One inline image makes one huge JSON string: Jackson's default 20M-character string limit
        // answered these "not valid JSON" although the transport accepts 64 MiB.
        String empty = chatWithImage("data:image/png;base64,");
        int[] sizes = {33_554_432, 50_000_000, SimOpenAiHandler.MAX_BODY_BYTES};
        for (int size : sizes) {
            int payload = (size - empty.length()) / 4 * 4;
            String body = chatWithImage("data:image/png;base64," + "A".repeat(payload));
            RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/chat/completions", body);
            System.out.printf("body of %,d bytes: HTTP %d %s%n", body.length(), r.status(),
                    r.body().length() > 200 ? r.body().substring(0, 200) : r.body());
            assertThat(r.status()).as("body of %d bytes", body.length()).isEqualTo(200);
            // 1 text token + the fixed 100 image tokens of the test server.
            assertThat(JSON.readTree(r.body()).path("usage").path("prompt_tokens").asInt()).isEqualTo(101);
        }
    }

    @Test
    void bodiesOverTheLimitGetA413NamingIt() throws IOException {
        for (String connection : new String[]{"close", "keep-alive"}) {
            RawHttp.Response r = RawHttp.exchange(server.baseUri(), "POST /v1/chat/completions HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: " + connection + "\r\n"
                    + "Content-Length: " + (SimOpenAiHandler.MAX_BODY_BYTES + 1L) + "\r\n\r\n");
            System.out.println("Connection: " + connection + " -> HTTP " + r.status() + " " + r.body());
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.headers().toLowerCase()).contains("content-type: application/json");
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(413);
            assertThat(error.path("message").asText()).contains("67108864");
        }
    }

    @Test
    void theBodyLimitIsTheTransportsLimit() {
        assertThat(SimOpenAiHandler.MAX_BODY_BYTES).isEqualTo(StreamingHttpServer.MAX_REQUEST_BYTES)
                .isEqualTo(64 * 1024 * 1024);
    }

    @Test
    void negativeOrNonNumericTemperaturesAreRefused() throws IOException {
        for (String path : new String[]{"/v1/completions", "/v1/chat/completions"}) {
            String request = path.contains("chat")
                    ? "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1,\"temperature\":%s}"
                    : "{\"prompt\":\"hi\",\"max_tokens\":1,\"temperature\":%s}";
            RawHttp.Response negative = RawHttp.post(server.baseUri(), path, request.formatted("-9"));
            System.out.println(path + " temperature -9 -> HTTP " + negative.status() + " " + negative.body());
            JsonNode error = assertError(negative, 400);
            assertThat(error.path("message").asText()).isEqualTo("temperature must be non-negative, got -9.0.");
            assertThat(error.path("param").asText()).isEqualTo("temperature");

            assertThat(assertError(RawHttp.post(server.baseUri(), path, request.formatted("\"hot\"")), 422)
                    .path("param").asText()).isEqualTo("temperature");
            assertThat(assertError(RawHttp.post(server.baseUri(), path, request.formatted("1e999")), 400)
                    .path("message").asText()).isEqualTo("temperature must be a finite number, got Infinity.");
            // vLLM 0.14.1 has no upper bound (the [0, 2] check came in 2026); 0 is greedy and allowed.
            assertThat(RawHttp.post(server.baseUri(), path, request.formatted("2.5")).status()).isEqualTo(200);
            assertThat(RawHttp.post(server.baseUri(), path, request.formatted("0")).status()).isEqualTo(200);
            assertThat(RawHttp.post(server.baseUri(), path, request.formatted("null")).status()).isEqualTo(200);
        }
    }

    @Test
    void imageDataUrisMustBeBase64() throws IOException {
        for (String payload : new String[]{"not base64!", "QUJ", "QU=JD", "QUJD\nRUZH", ""}) {
            RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/chat/completions",
                    chatWithImage("data:image/png;base64," + payload.replace("\n", "\\n")));
            System.out.println("base64 '" + payload.replace("\n", "\\n") + "' -> HTTP " + r.status() + " " + r.body());
            JsonNode error = assertError(r, 400);
            assertThat(error.path("message").asText()).contains("base64");
            assertThat(error.path("param").asText()).isEqualTo("messages");
        }
        for (String payload : new String[]{"QUJD", "QUI=", "QQ==", "iVBORw0KGgo+/A=="}) {
            assertThat(RawHttp.post(server.baseUri(), "/v1/chat/completions",
                    chatWithImage("data:image/png;base64," + payload)).status()).as(payload).isEqualTo(200);
        }
        // Remote images are not fetched, so there is nothing to check.
        assertThat(RawHttp.post(server.baseUri(), "/v1/chat/completions", chatWithImage("https://x/y.png")).status())
                .isEqualTo(200);
    }

    @Test
    void aMissingModelIsServedByTheServedModelAsVllmDoes() throws IOException {
        // vLLM made "model" optional in February 2025 (PR 13568); 0.14.1 serves the first served model.
        RawHttp.Response chat = RawHttp.post(server.baseUri(), "/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}");
        RawHttp.Response completion = RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"prompt\":\"hi\",\"max_tokens\":1}");
        for (RawHttp.Response r : new RawHttp.Response[]{chat, completion}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("model").asText()).isEqualTo("sim-model");
        }
        assertError(RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"model\":\"other\",\"prompt\":\"hi\",\"max_tokens\":1}"), 404);
    }

    @Test
    void theContextLengthMessageAddsWithoutOverflow() throws IOException {
        RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"prompt\":\"abcd\",\"max_tokens\":2147483647}");
        System.out.println("max_tokens 2147483647 -> HTTP " + r.status() + " " + r.body());
        JsonNode error = assertError(r, 400);
        assertThat(error.path("message").asText())
                .contains("However, you requested 2147483648 tokens (1 in the messages, 2147483647 in the completion).")
                .doesNotContain("-2147483648");
        assertThat(error.path("param").asText()).isEqualTo("max_tokens");
    }

    private static JsonNode assertError(RawHttp.Response r, int status) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("type").asText()).isNotBlank();
        assertThat(error.path("code").asInt()).isEqualTo(status);
        return error;
    }
}
