package dev.servebench.peers;

import dev.servebench.testing.EndToEnd;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.Conversation;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.Phase;
import dev.servebench.bench.RequestMix;
import dev.servebench.bench.Workload;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.testing.BenchAgainst;
import dev.servebench.testing.LlamaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.servebench.bench.RequestSource;
import dev.servebench.bench.SampleFiles;
import dev.servebench.dataset.DatasetSpec;
import dev.servebench.dataset.LengthFilter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workloads beyond one fixed synthetic prompt against the real llama.cpp server (real chat
 * template, real tokenizer, real per-slot prompt cache, whose {@code llamacpp:prompt_tokens_total}
 * counts only the prompt tokens it computed). Bounded: a few dozen short requests each.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerWorkloadsTest {
    private static final String PROMPT_TOKENS_COMPUTED = "llamacpp:prompt_tokens_total";
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

    private static BenchmarkConfig.Builder baseline(int requests, long seed) {
        return BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE)).baselineRequests(requests)
                .mainWorkload(new Workload(64, 16, 0)).ignoreEos(true).seed(seed).cooldown(Duration.ZERO);
    }

    @Test
    void aConversationResendsItsHistoryAndTheTemplateWrapsEveryMessage() {
        BenchAgainst.Run run = BenchAgainst.run(server.baseUrl(), "m",
                baseline(6, 31).conversation(new Conversation(3, Duration.ZERO)).build());

        List<RequestRecord> records = run.level("c=1");
        assertThat(records).hasSize(6).allSatisfy(r -> assertThat(r.outcome()).as(String.valueOf(r.errorDetail()))
                .isEqualTo(RequestOutcome.OK));
        assertThat(records).extracting(RequestRecord::turn).containsExactly(1, 2, 3, 1, 2, 3);
        int overhead = run.plan().templateOverheadTokens();
        assertThat(records.get(0).promptTokens()).isEqualTo(64 + overhead);
        for (int i : new int[] {1, 2, 4, 5}) {
            RequestRecord previous = records.get(i - 1);
            // The previous prompt, its answer (gibberish from random weights, re-tokenized by the server)
            // and a new 64-token message, each wrapped by Llama-2's chat template.
            assertThat(records.get(i).promptTokens()).isGreaterThan(previous.promptTokens() + 64 + 8);
        }
        LevelMetrics m = run.result().levels().getFirst().metrics();
        assertThat(m.ttftMillisByTurn()).containsOnlyKeys(1, 2, 3);
    }

    @Test
    void sharedPrefixesAreComputedOnceUniquePromptsEveryTime() throws Exception {
        // One user, so every request lands on the slot whose cache holds the previous prompt.
        double before = BenchAgainst.metric(server.baseUrl(), PROMPT_TOKENS_COMPUTED);
        BenchAgainst.Run shared = BenchAgainst.run(server.baseUrl(), "m",
                baseline(8, 32).mainWorkload(new Workload(160, 4, 0))
                        .requestMix(new RequestMix.SharedPrefixes(1, 128)).build());
        double sharedComputed = BenchAgainst.metric(server.baseUrl(), PROMPT_TOKENS_COMPUTED) - before;

        before = BenchAgainst.metric(server.baseUrl(), PROMPT_TOKENS_COMPUTED);
        BenchAgainst.Run unique = BenchAgainst.run(server.baseUrl(), "m",
                baseline(8, 33).mainWorkload(new Workload(160, 4, 0)).build());
        double uniqueComputed = BenchAgainst.metric(server.baseUrl(), PROMPT_TOKENS_COMPUTED) - before;

        long sharedSent = shared.records().stream().mapToLong(RequestRecord::promptTokens).sum();
        assertThat(shared.records()).hasSize(8).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(r.promptTokens()).isEqualTo(160 + shared.plan().templateOverheadTokens());
        });
        // After the first request only each request's own 32 tokens (and the template's close) are computed.
        assertThat(sharedComputed).isLessThan(0.45 * sharedSent);
        assertThat(uniqueComputed).isGreaterThan(0.85 * unique.records().stream().mapToLong(RequestRecord::promptTokens).sum());
    }

    @Test
    void aShareGptDatasetIsSentAsCountedByTheServersTokenizer() {
        // Slots hold 1,024 tokens: keep prompt and answer within them.
        BenchAgainst.Run run = BenchAgainst.run(server.baseUrl(), "m", baseline(10, 34)
                .requestMix(new RequestMix.FromDataset(DatasetSpec.parse("sharegpt:" + SampleFiles.SHAREGPT)
                        .withFilter(LengthFilter.parse("min_input=4,max_input=700,min_output=4,max_total=900"))))
                .build());

        var dataset = ((RequestSource.FromDataset) run.plan().requests()).dataset();
        int overhead = run.plan().templateOverheadTokens();
        List<RequestRecord> records = run.level("c=1");
        assertThat(records).hasSize(10);
        for (int i = 0; i < records.size(); i++) {
            RequestRecord r = records.get(i);
            var entry = dataset.requests().get(i % dataset.requests().size());
            assertThat(r.outcome()).as(String.valueOf(r.errorDetail())).isEqualTo(RequestOutcome.OK);
            // Counted by llama-server's own /tokenize before the run, BOS included as vLLM's client counts
            // (issue #28); the measured template overhead holds the BOS too, so one comes off. The template
            // adds the same to each (a token either way where the text's edge meets the template).
            int text = entry.promptTokens() - 1;
            assertThat(r.promptTokens()).isBetween(text + overhead - 1, text + overhead + 1);
            assertThat(r.completionTokens()).isEqualTo(entry.outputTokens().orElseThrow());
        }
        assertThat(records.stream().mapToInt(RequestRecord::promptTokens).distinct().count()).isGreaterThan(4);
    }

    @Test
    void aMooncakeTraceIsReplayedAtItsArrivalTimesWithItsLengths(@TempDir Path dir) throws Exception {
        Path trace = SampleFiles.smallMooncakeTrace(dir);
        BenchAgainst.Run run = BenchAgainst.run(server.baseUrl(), "m", baseline(1, 35)
                .phases(EnumSet.of(Phase.SCALING)).scalingLevels(List.of(1))
                .requestMix(new RequestMix.FromTrace(trace, Optional.empty(), List.of(2.0), Integer.MAX_VALUE)).build());
        List<RequestRecord> records = run.level("trace x2");
        int overhead = run.plan().templateOverheadTokens();
        assertThat(records).hasSize(SampleFiles.MOONCAKE_ROWS.length);
        for (int i = 0; i < records.size(); i++) {
            int[] row = SampleFiles.MOONCAKE_ROWS[i];
            RequestRecord r = records.get(i);
            assertThat(r.outcome()).as(String.valueOf(r.errorDetail())).isEqualTo(RequestOutcome.OK);
            assertThat(r.promptTokens()).isBetween(row[1] + overhead - 2, row[1] + overhead + 2);
            assertThat(r.completionTokens()).isEqualTo(row[2]);
            assertThat(r.scheduledNanos() - records.getFirst().scheduledNanos())
                    .isEqualTo(Math.round(row[0] * 1_000_000L / 2.0));
        }
        // Whether llama-server reuses a shared block depends on which of its slots is free when the request
        // arrives (timing), so the shared text itself is checked in RequestFactoryTest, and the cache
        // hits on the simulator, whose cache is shared by all requests, in WorkloadsOnSimTest.
    }
}
