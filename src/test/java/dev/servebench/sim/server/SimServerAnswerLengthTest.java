package dev.servebench.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over raw HTTP: answers of a simulator with a mean answer length of 8 tokens stop at EOS unless the
 * request sends ignore_eos, never before min_tokens, and say why they stopped in finish_reason.
 *
 * <p>Which length a request draws depends on its id, i.e. on the order the tests run in, so each
 * bound below must hold for any id. A geometric length with mean 8 reaches k tokens with probability
 * (7/8)^(k-1), 400 tokens with about 7e-24, so the checks that answers (min_tokens 300 or not) stop
 * before max_tokens 400 fail by chance with negligible probability. The seed is fixed, so a run
 * that passes keeps passing.
 */
class SimServerAnswerLengthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "\"messages\":[{\"role\":\"user\",\"content\":\"tell me about the sim\"}]";
    private static SimServer server;

    @BeforeAll
    static void start() throws IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        server = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                new AnswerLengths.Geometric(8, 1), FaultPlan.NONE, Integer.MAX_VALUE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutIgnoreEosAWholeAnswerStopsAtEosWithFinishReasonStop() throws IOException {
        JsonNode body = whole("/v1/chat/completions", "{" + PROMPT + ",\"max_tokens\":400}");

        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        int completion = body.path("usage").path("completion_tokens").asInt();
        assertThat(completion).isBetween(1, 399);
        // The text holds exactly the tokens usage counts: four characters each.
        assertThat(choice.path("message").path("content").asText()).hasSize(4 * completion);
    }

    @Test
    void withoutIgnoreEosAStreamStopsAtEosAndUsageCountsItsTokens() throws IOException {
        RawHttp.Response r = RawHttp.post(server.baseUri(), "/v1/completions",
                "{\"prompt\":\"tell me about the sim\",\"max_tokens\":400,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");

        assertThat(r.status()).isEqualTo(200);
        List<String> events = SimServerWireTest.events(r.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        // Token chunks, then the finish chunk, the usage chunk and [DONE].
        int tokenChunks = events.size() - 3;
        JsonNode finish = JSON.readTree(events.get(tokenChunks));
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = JSON.readTree(events.get(tokenChunks + 1)).path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(tokenChunks).isBetween(1, 399);
    }

    @Test
    void ignoreEosRunsToMaxTokensWithFinishReasonLength() throws IOException {
        JsonNode body = whole("/v1/chat/completions", "{" + PROMPT + ",\"max_tokens\":400,\"ignore_eos\":true}");

        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(400);
    }

    @Test
    void minTokensIsAFloorUnderTheAnswerLength() throws IOException {
        JsonNode body = whole("/v1/completions",
                "{\"prompt\":\"tell me about the sim\",\"max_tokens\":400,\"min_tokens\":300}");

        int completion = body.path("usage").path("completion_tokens").asInt();
        assertThat(completion).isBetween(300, 399);
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("choices").get(0).path("text").asText()).hasSize(4 * completion);
    }

    @Test
    void maxTokensBelowTheAnswerLengthCutsItWithFinishReasonLength() throws IOException {
        // Every answer has at least one token, so max_tokens 1 always cuts (or exactly meets) it.
        JsonNode body = whole("/v1/completions", "{\"prompt\":\"tell me about the sim\",\"max_tokens\":1}");

        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(1);
    }

    private static JsonNode whole(String path, String json) throws IOException {
        RawHttp.Response r = RawHttp.post(server.baseUri(), path, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
