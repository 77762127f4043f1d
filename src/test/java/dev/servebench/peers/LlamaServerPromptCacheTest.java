package dev.servebench.peers;

import dev.servebench.testing.EndToEnd;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptCacheCheck;
import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.bench.Workload;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.metrics.ScrapedEndpoint;
import dev.servebench.testing.LlamaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prompt-cache check against the real llama.cpp server, whose /metrics counts only the prompt tokens it
 * computed: new prompts are not flagged (its slot keeps the chat template's opening, which the check allows), and
 * one passage sent again and again is served from its slot cache and named as the workload's own hits.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerPromptCacheTest {

    private static PromptCacheCheck level(LlamaServer server, PromptMode mode, List<String> said) {
        EndpointConfig endpoint = EndpointConfig.of(server.baseUrl(), "m");
        BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                .mainWorkload(new Workload(96, 8, 0)).scalingLevels(List.of(1)).requestsPerLevel(8)
                .promptMode(mode).ignoreEos(true).cooldown(Duration.ZERO).drawSeedUnlessGiven().build();
        BenchmarkResult result;
        try (OpenAiClient client = new OpenAiClient(endpoint);
             PromptCacheProbe probe = new PromptCacheProbe(ScrapedEndpoint.ofTarget(endpoint, "/metrics",
                     Duration.ofSeconds(10)), said::add)) {
            PromptPlan plan = PromptPlans.prepare(config, client, TokenizerChoice.AUTO, line -> { });
            result = Benchmark.builder().target(new TargetInfo("llama-server", "u", "m")).config(config)
                    .executor(new HttpLevelExecutor(client)).prompts(plan).promptCache(probe).build().run();
        }
        return result.levels().getFirst().promptCache().orElseThrow();
    }

    @Test
    void newPromptsAreNotFlaggedAndOnePassageRepeatedIsTheWorkloadsOwnHits() {
        List<String> said = new CopyOnWriteArrayList<>();
        try (LlamaServer server = LlamaServer.startOrSkip()) {
            PromptCacheCheck fresh = level(server, PromptMode.RANDOM, said);
            assertThat(fresh.countedBy()).contains("llamacpp:prompt_tokens_total");
            assertThat(fresh.promptTokens()).isGreaterThanOrEqualTo(8 * 96);
            assertThat(fresh.note()).isNull();
            assertThat(fresh.hitsExpected()).isFalse();

            PromptCacheCheck repeated = level(server, PromptMode.PAPER_EXACT, said);
            // Every request after the first finds the same passage in its slot: most of the prompt is cached.
            assertThat(repeated.cachedFraction()).isGreaterThan(0.5);
            assertThat(repeated.hitsExpected()).isTrue();
            assertThat(repeated.note()).contains("as this workload expects", "--prompt paper-exact");
        }
        assertThat(said).isEmpty();
    }
}
