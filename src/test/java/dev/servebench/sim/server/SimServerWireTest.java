package dev.servebench.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.text.ImageTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw-HTTP checks of the simulator's OpenAI wire format: streams, whole responses, errors, metrics. */
class SimServerWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimServer server;

    @BeforeAll
    static void start() throws IOException {
        server = start(FaultPlan.NONE, Integer.MAX_VALUE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static SimServer start(FaultPlan faults, int maxWaiting) throws IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        return SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100), faults, maxWaiting);
    }

    static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (!block.isBlank()) {
                assertThat(block).startsWith("data: ");
                out.add(block.substring(6));
            }
        }
        return out;
    }

    @Test
    void streamingChatSendsRoleTokenFinishUsageAndDoneChunks() throws IOException {
        String prompt = "x".repeat(40); // 10 tokens at 4 characters per token
        RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/chat/completions",
                "{\"model\":\"sim-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],"
                        + "\"max_tokens\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().toLowerCase()).contains("content-type: text/event-stream");
        List<String> events = events(r.body());
        assertThat(events).hasSize(1 + 3 + 1 + 1 + 1);
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode role = JSON.readTree(events.get(0));
        assertThat(role.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        for (int i = 1; i <= 3; i++) {
            JsonNode c = JSON.readTree(events.get(i));
            assertThat(c.path("id").asText()).startsWith("chatcmpl-");
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("created").isIntegralNumber()).isTrue();
            assertThat(c.path("model").asText()).isEqualTo("sim-model");
            assertThat(c.path("choices").get(0).path("delta").path("content").asText()).hasSize(4);
            assertThat(c.path("choices").get(0).path("finish_reason").isNull()).isTrue();
        }
        JsonNode finish = JSON.readTree(events.get(4));
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = JSON.readTree(events.get(5)).path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(10);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(13);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() throws IOException {
        RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"prompt\":\"hello world!\",\"max_tokens\":2,\"stream\":true}");

        List<String> events = events(r.body());
        assertThat(events).hasSize(2 + 1 + 1);
        assertThat(JSON.readTree(events.get(0)).path("object").asText()).isEqualTo("text_completion");
        assertThat(JSON.readTree(events.get(0)).path("choices").get(0).path("text").asText()).hasSize(4);
        assertThat(r.body()).doesNotContain("usage");
    }

    @Test
    void wholeResponsesCarryTextFinishReasonAndUsage() throws IOException {
        RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/chat/completions",
                "{\"model\":\"sim-model\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                        + "\"abcdefgh\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}],"
                        + "\"max_completion_tokens\":5,\"ignore_eos\":true}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().toLowerCase()).contains("content-type: application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).hasSize(20);
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        // 2 text tokens + 100 image tokens.
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(102);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void errorsAreOpenAiShapedWithVllmStatusCodes() throws IOException {
        assertError(RawHttp.post(server.baseUri(), "/v1/completions", "{not json"), 400);
        assertError(RawHttp.post(server.baseUri(), "/v1/chat/completions", "{\"max_tokens\":3}"), 422);
        assertError(RawHttp.post(server.baseUri(), "/v1/completions", "{\"prompt\":\"a\",\"max_tokens\":\"x\"}"), 422);
        assertError(RawHttp.post(server.baseUri(), "/v1/completions", "{\"prompt\":\"a\",\"n\":2}"), 400);
        assertError(RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"model\":\"other\",\"prompt\":\"a\",\"max_tokens\":1}"), 404);
        assertError(RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"prompt\":\"a\",\"max_tokens\":100000000}"), 400);
        assertError(RawHttp.get(server.baseUri(), "/v1/nothing"), 404);
        RawHttp.Response tooBig = RawHttp.exchange(server.baseUri(), "POST /v1/completions HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n");
        assertThat(tooBig.status()).isEqualTo(413);
    }

    @Test
    void overloadIsA503() throws IOException {
        try (SimServer full = start(FaultPlan.NONE, 0)) {
            assertError(RawHttp.post(full.baseUri(), "/v1/completions", "{\"prompt\":\"a\",\"max_tokens\":1}"), 503);
        }
    }

    private static void assertError(RawHttp.Response r, int status) throws IOException {
        assertThat(r.status()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("type").asText()).isNotBlank();
        assertThat(error.path("code").asInt()).isEqualTo(status);
    }

    @Test
    void modelsHealthTokenizeAndMetrics() throws IOException {
        assertThat(RawHttp.get(server.baseUri(), "/health").status()).isEqualTo(200);
        JsonNode models = JSON.readTree(RawHttp.get(server.baseUri(), "/v1/models").body());
        assertThat(models.path("data").get(0).path("id").asText()).isEqualTo("sim-model");
        JsonNode tok = JSON.readTree(RawHttp.post(server.baseUri(), "/tokenize", "{\"prompt\":\"abcdefghi\"}").body());
        assertThat(tok.path("count").asInt()).isEqualTo(3);
        assertThat(tok.path("tokens")).hasSize(3);

        RawHttp.post(server.baseUri(), "/v1/completions", "{\"prompt\":\"abcd\",\"max_tokens\":4}");
        String metrics = RawHttp.get(server.baseUri(), "/metrics").body();
        assertThat(metrics).contains("vllm:num_requests_running{model_name=\"sim-model\"}",
                "vllm:num_requests_waiting{", "vllm:kv_cache_usage_perc{", "vllm:time_to_first_token_seconds_bucket{",
                "vllm:time_per_output_token_seconds_count{", "# TYPE vllm:generation_tokens_total counter");
        long generated = metrics.lines().filter(l -> l.startsWith("vllm:generation_tokens_total{"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(generated).isGreaterThanOrEqualTo(4);
    }

    @Test
    void injectedFaultsBreakResponsesTheWayTheyAreNamed() throws IOException {
        String stream = "{\"prompt\":\"abcd\",\"max_tokens\":6,\"stream\":true}";
        try (SimServer errors = start(new FaultPlan(1, 0, 0, 0, 0, 0, 1), Integer.MAX_VALUE)) {
            RawHttp.Response r = RawHttp.post(errors.baseUri(), "/v1/completions", stream);
            assertThat(r.status()).isIn(500, 503);
        }
        try (SimServer resets = start(new FaultPlan(0, 0, 0, 1, 0, 0, 1), Integer.MAX_VALUE)) {
            RawHttp.Response r = RawHttp.post(resets.baseUri(), "/v1/completions", stream);
            assertThat(r.resetOrCut()).isTrue();
            assertThat(r.body()).doesNotContain("[DONE]");
        }
        try (SimServer truncates = start(new FaultPlan(0, 0, 0, 0, 0, 1, 1), Integer.MAX_VALUE)) {
            RawHttp.Response r = RawHttp.post(truncates.baseUri(), "/v1/completions", stream);
            assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"length");
        }
        try (SimServer malformed = start(new FaultPlan(0, 0, 0, 0, 1, 0, 1), Integer.MAX_VALUE)) {
            RawHttp.Response r = RawHttp.post(malformed.baseUri(), "/v1/completions", stream);
            assertThat(events(r.body())).anySatisfy(e -> assertThat(e).startsWith("{\"id\":\"broken\""));
            assertThat(r.body()).contains("[DONE]");
        }
        try (SimServer stalls = start(new FaultPlan(0, 1, 50, 0, 0, 0, 1), Integer.MAX_VALUE)) {
            RawHttp.Response r = RawHttp.post(stalls.baseUri(), "/v1/completions", stream);
            assertThat(events(r.body())).hasSize(6 + 1 + 1);
        }
    }
}
