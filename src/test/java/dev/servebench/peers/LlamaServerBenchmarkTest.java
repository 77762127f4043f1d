package dev.servebench.peers;

import dev.servebench.testing.EndToEnd;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.bench.Workload;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.testing.LlamaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progressive benchmark against the real llama.cpp server (random-weight model, real tokenizer,
 * real connection handling, real prompt cache): every request valid, prompt and completion tokens
 * by the server's own count exactly as asked, and prompts that its prompt cache cannot serve.
 * Bounded: a few dozen short requests.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerBenchmarkTest {
    private static final int INPUT_TOKENS = 128;
    private static final int OUTPUT_TOKENS = 32;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PROMPT_TOKENS_TOTAL = Pattern.compile("(?m)^llamacpp:prompt_tokens_total (\\S+)$");

    private static LlamaServer server;

    @BeforeAll
    static void startServer() {
        server = LlamaServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private record Sent(LevelSpec level, RequestRecord record) {
    }

    private record Run(BenchmarkResult result, PromptPlan plan, List<Sent> sent) {
        List<RequestRecord> records() {
            return sent.stream().map(Sent::record).toList();
        }
    }

    private static Run bench(PromptMode mode, EnumSet<Phase> phases, List<Integer> levels, int requestsPerLevel) {
        BenchmarkConfig config = BenchmarkConfig.builder().phases(phases)
                .mainWorkload(new Workload(INPUT_TOKENS, OUTPUT_TOKENS, 0)).scalingLevels(levels)
                .baselineRequests(requestsPerLevel).requestsPerLevel(requestsPerLevel)
                .promptMode(mode).ignoreEos(true).cooldown(Duration.ZERO).build();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUrl(), "m"))) {
            PromptPlan plan = PromptPlans.prepare(config, client, TokenizerChoice.AUTO, line -> { });
            BenchmarkResult result = Benchmark.builder().target(new TargetInfo("llama-server", "u", "m"))
                    .config(config).executor(new HttpLevelExecutor(client)).prompts(plan)
                    .listener(new BenchmarkListener() {
                        @Override
                        public void onRequest(LevelSpec level, int index, RequestRecord record) {
                            sent.add(new Sent(level, record));
                        }
                    }).build().run();
            return new Run(result, plan, sent);
        }
    }

    @Test
    void everyRequestIsValidAndExactlyAsLongAsAskedByTheServersOwnCount() {
        Run run = bench(PromptMode.RANDOM, EnumSet.of(Phase.WARMUP, Phase.BASELINE, Phase.SCALING), List.of(1, 4), 8);

        // The chat template's share, measured once; llama-2's "<s>[INST] … [/INST]" is a dozen or so.
        int overhead = run.plan().templateOverheadTokens();
        assertThat(overhead).isBetween(1, 32);
        assertThat(run.plan().exact()).isTrue();
        // WARMUP (one request, its own 100 in / 50 out), BASELINE and two SCALING levels of 8 each.
        assertThat(run.sent()).hasSize(1 + 8 + 8 + 8).allSatisfy(s -> {
            RequestRecord r = s.record();
            assertThat(r.outcome()).as(String.valueOf(r.errorDetail())).isEqualTo(RequestOutcome.OK);
            assertThat(r.promptTokens()).isEqualTo(s.level().workload().inputTokens() + overhead);
            assertThat(r.completionTokens()).isEqualTo(s.level().workload().outputTokens());
        });
        for (LevelResult level : run.result().levels()) {
            assertThat(level.metrics().successRate()).isEqualTo(1.0);
            assertThat(level.metrics().lengths().notes()).isEmpty();
            // Every request is accounted for: on a new connection or a reused one, retries counted.
            var c = level.metrics().connections();
            assertThat(c.newConnections() + c.reusedConnections()).isEqualTo(level.metrics().requests());
            assertThat(c.retries()).isLessThanOrEqualTo(level.metrics().requests());
        }
    }

    @Test
    void uniquePromptsAreAllPrefilledWhileThePapersPassageIsServedFromTheCache() throws Exception {
        // llama.cpp counts in llamacpp:prompt_tokens_total only the prompt tokens it computed, not the
        // ones its per-slot prompt cache reused: the server's own view of whether prompts were unique.
        double before = promptTokensProcessed();
        Run unique = bench(PromptMode.RANDOM, EnumSet.of(Phase.BASELINE), List.of(1), 6);
        double uniqueProcessed = promptTokensProcessed() - before;
        long uniqueSent = sentPromptTokens(unique);

        before = promptTokensProcessed();
        Run paper = bench(PromptMode.PAPER_EXACT, EnumSet.of(Phase.BASELINE), List.of(1), 6);
        double paperProcessed = promptTokensProcessed() - before;
        long paperSent = sentPromptTokens(paper);

        // Unique: all but the template's opening (shared by every chat request) is computed. (The
        // processed count also holds PromptPlans' short probe request, a few dozen tokens.)
        assertThat(uniqueProcessed).isGreaterThanOrEqualTo(0.9 * uniqueSent);
        // The same passage every time: after the first request almost nothing is computed.
        assertThat(paperProcessed).isLessThan(0.5 * paperSent);
    }

    private static long sentPromptTokens(Run run) {
        return run.records().stream().mapToLong(RequestRecord::promptTokens).sum();
    }

    private static double promptTokensProcessed() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = PROMPT_TOKENS_TOTAL.matcher(metrics.body());
        assertThat(m.find()).as("llamacpp:prompt_tokens_total in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
