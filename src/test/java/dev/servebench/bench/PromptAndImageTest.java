package dev.servebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.prompt.PaperPrompts;
import dev.servebench.prompt.WordPrompts;
import dev.servebench.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromptAndImageTest {

    @Test
    void paperExactModeHitsTheTokenCountWithTheServersTokenizer() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m"))) {
            BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE)).baselineRequests(2)
                    .mainWorkload(new Workload(333, 4, 0)).promptMode(PromptMode.parse("exact"))
                    .cooldown(Duration.ZERO).build();
            BenchmarkResult result = Benchmark.builder().target(new TargetInfo("fake", "u", "m")).config(config)
                    .executor(new HttpLevelExecutor(client))
                    .prompts(PromptPlans.prepare(config, client, TokenizerChoice.parse("server"), line -> { }))
                    .build().run();
            // The fake server counts prompt tokens with the same tokenizer /tokenize exposes.
            assertThat(result.levels().get(0).metrics().promptTokens()).isEqualTo(2 * 333);
            assertThat(config.promptMode()).isEqualTo(PromptMode.PAPER_EXACT);
        }
    }

    @Test
    void paperExactModeWithoutTokenizerIsAClearError() {
        BenchmarkConfig config = BenchmarkConfig.builder().promptMode(PromptMode.PAPER_EXACT).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Benchmark.builder()
                        .target(new TargetInfo("x", "u", "m")).config(config)
                        .executor((l, r, s) -> null).build())
                .hasMessageContaining("tokenizer");
    }

    @Test
    void paperPromptsAreTheSameForEveryRequestAtFourCharsPerToken() {
        PaperPrompts paper = new PaperPrompts();
        assertThat(paper.prompt(500, 1)).isEqualTo(paper.prompt(500, 2));
        assertThat(paper.prompt(500, 1).length()).isBetween(1990, 2000);
        assertThat(paper.prompt(500, 1)).startsWith("The quick brown fox");
    }

    @Test
    void estimatedWordPromptsAreUniqueReproducibleAndFourCharactersPerToken() {
        WordPrompts random = WordPrompts.estimated(42);
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String p = random.prompt(200, i);
            assertThat(p.length()).isEqualTo(200 * 4 - 1);
            prefixes.add(p.substring(0, 32));
        }
        assertThat(prefixes).hasSize(100);
        assertThat(WordPrompts.estimated(42).prompt(200, 7)).isEqualTo(random.prompt(200, 7));
    }

    @Test
    void visionRequestBodiesHaveTextThenImageParts() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m"))) {
            BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE)).baselineRequests(1)
                    .mainWorkload(new Workload(50, 4, 3)).build();
            Benchmark.builder().target(new TargetInfo("fake", "u", "m")).config(config)
                    .executor(new HttpLevelExecutor(client)).build().run();
            BenchmarkConfig withUrls = config.toBuilder().imageUrls(List.of("https://example.com/cat.png")).build();
            Benchmark.builder().target(new TargetInfo("fake", "u", "m")).config(withUrls)
                    .executor(new HttpLevelExecutor(client)).build().run();
            JsonNode generated = server.requests().get(0).path("messages").get(0).path("content");
            assertThat(generated).hasSize(4);
            assertThat(generated.get(0).path("type").asText()).isEqualTo("text");
            for (int i = 1; i < 4; i++) {
                assertThat(generated.get(i).path("type").asText()).isEqualTo("image_url");
                assertThat(generated.get(i).path("image_url").path("url").asText()).startsWith("data:image/png;base64,");
            }
            JsonNode given = server.requests().get(1).path("messages").get(0).path("content");
            assertThat(given.get(1).path("image_url").path("url").asText()).isEqualTo("https://example.com/cat.png");
        }
    }
}
