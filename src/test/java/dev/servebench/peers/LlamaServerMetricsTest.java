package dev.servebench.peers;

import dev.servebench.testing.EndToEnd;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.bench.Workload;
import dev.servebench.client.ApiKey;
import dev.servebench.client.EndpointConfig;
import dev.servebench.metrics.MetricsUnavailableException;
import dev.servebench.client.OpenAiClient;
import dev.servebench.metrics.ScrapedEndpoint;
import dev.servebench.metrics.ServerMetricsRecorder;
import dev.servebench.metrics.ServerMetricsSummary;
import dev.servebench.testing.LlamaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's own view from the real llama.cpp server's /metrics (started with --metrics): its names
 * (llamacpp:requests_processing, llamacpp:prompt_tokens_total, llamacpp:tokens_predicted_total, as
 * tools/server/server-context.cpp writes them) read by the strict parser, per level.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerMetricsTest {

    @Test
    void llamaCppsMetricsGiveEachLevelItsRequestsInFlightAndTokens() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        BenchmarkResult result;
        try (LlamaServer server = LlamaServer.startOrSkip()) {
            EndpointConfig endpoint = EndpointConfig.of(server.baseUrl(), "m");
            BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                    .mainWorkload(new Workload(64, 48, 0)).scalingLevels(List.of(2, 4)).requestsPerLevel(12)
                    .promptMode(PromptMode.RANDOM).ignoreEos(true).cooldown(Duration.ZERO).build();
            try (OpenAiClient client = new OpenAiClient(endpoint);
                 ServerMetricsRecorder recorder = new ServerMetricsRecorder(
                         ScrapedEndpoint.ofTarget(endpoint, "/metrics", Duration.ofSeconds(10)),
                         Duration.ofMillis(10), warnings::add)) {
                PromptPlan plan = PromptPlans.prepare(config, client, TokenizerChoice.AUTO, line -> { });
                result = Benchmark.builder().target(new TargetInfo("llama-server", "u", "m")).config(config)
                        .executor(new HttpLevelExecutor(client)).prompts(plan).serverMetrics(recorder).build().run();
            }
        }
        assertThat(warnings).isEmpty();
        assertThat(result.levels()).hasSize(2);
        for (LevelResult level : result.levels()) {
            ServerMetricsSummary s = level.serverMetrics().orElseThrow();
            assertThat(s.engine()).isEqualTo("llama.cpp");
            assertThat(s.scrapeFailures()).isZero();
            assertThat(s.scrapes()).isGreaterThanOrEqualTo(2);
            // Prompt tokens it computed (its prompt cache reuses the chat template's opening) and tokens it
            // generated during the level, from its counters: exactly the level's, since llama-server answers a
            // /metrics request from the same loop that counts a finished request before taking the next task.
            assertThat(s.promptTokens()).isPositive().isLessThanOrEqualTo((double) level.metrics().promptTokens());
            assertThat(s.generationTokens()).isEqualTo((double) level.metrics().completionTokens());
            // Requests in its slots while the level ran: some, never more than the level sent at once.
            assertThat(s.runningRequests().max()).isPositive()
                    .isLessThanOrEqualTo(level.spec().concurrency());
            assertThat(s.waitingRequests()).isNotNull();
            // No latency histograms in llama.cpp's /metrics.
            assertThat(s.ttftMillis()).isNull();
            assertThat(s.lastValues()).containsKeys("llamacpp:requests_processing", "llamacpp:prompt_tokens_total",
                    "llamacpp:tokens_predicted_total");
        }
    }

    @Test
    void withAnApiKeyLlamaCppWantsItOnMetricsTooAndTheScrapeSendsIt() throws Exception {
        // llama-server exempts only /health and /models from the key (tools/server/server-http.cpp).
        try (LlamaServer server = LlamaServer.startOrSkip("--api-key", "sk-metrics-test")) {
            EndpointConfig keyed = EndpointConfig.of(server.baseUrl(), "m").withApiKey(ApiKey.of("sk-metrics-test"));
            try (ScrapedEndpoint withKey = ScrapedEndpoint.ofTarget(keyed, "/metrics", Duration.ofSeconds(10));
                 ScrapedEndpoint withoutKey = ScrapedEndpoint.ofTarget(EndpointConfig.of(server.baseUrl(), "m"),
                         "/metrics", Duration.ofSeconds(10))) {
                assertThat(withKey.read(0).engine()).contains(dev.servebench.metrics.ServingEngine.LLAMA_CPP);
                assertThatThrownBy(() -> withoutKey.read(0)).isInstanceOf(MetricsUnavailableException.class)
                        .hasMessageStartingWith("HTTP 401");
            }
        }
    }
}
