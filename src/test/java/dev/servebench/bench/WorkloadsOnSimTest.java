package dev.servebench.bench;

import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.testing.BenchAgainst;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.servebench.dataset.DatasetSpec;
import dev.servebench.dataset.LengthFilter;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workloads beyond one fixed synthetic prompt, over real HTTP against the simulator (whose
 * prefix cache and /metrics behave like vLLM's): multi-turn conversations and shared prefixes.
 * Bounded: a few dozen short requests each.
 */
class WorkloadsOnSimTest {
    private static SimServer server;

    @BeforeAll
    static void start() throws IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        server = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A seed per run: the same seed sends the same prompts, which a server that ran them before has cached. */
    private static final java.util.concurrent.atomic.AtomicLong SEEDS = new java.util.concurrent.atomic.AtomicLong(100);

    private static BenchmarkConfig.Builder scaling(int concurrency, int requests) {
        return BenchmarkConfig.builder().seed(SEEDS.incrementAndGet()).phases(EnumSet.of(Phase.SCALING)).scalingLevels(List.of(concurrency))
                .requestsPerLevel(requests).mainWorkload(new Workload(96, 16, 0)).ignoreEos(true)
                .cooldown(Duration.ZERO);
    }

    @Test
    void eachTurnResendsTheHistoryWithTheServersAnswersAndTtftIsReportedPerTurn() throws Exception {
        double hitsBefore = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total");
        BenchAgainst.Run run = BenchAgainst.run(server.baseUri(), "sim-model",
                scaling(1, 9).conversation(new Conversation(3, Duration.ZERO)).build());
        double hits = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total") - hitsBefore;

        // One user: requests 0, 1, 2 are turns 1, 2, 3 of the first conversation, 3 starts the next.
        List<RequestRecord> records = run.level("c=1");
        assertThat(records).hasSize(9).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(RequestOutcome.OK));
        assertThat(records).extracting(RequestRecord::turn).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3);
        for (int i = 0; i < records.size(); i++) {
            RequestRecord r = records.get(i);
            if (r.turn() == 1) {
                assertThat(r.promptTokens()).isEqualTo(96);
            } else {
                // The previous prompt, its 16-token answer sent back as the assistant's message, and a new
                // 96-token user message (the simulator's tokenizer may split an answer's edge once more).
                RequestRecord previous = records.get(i - 1);
                assertThat(r.promptTokens()).isBetween(previous.promptTokens() + 16 + 96,
                        previous.promptTokens() + 16 + 96 + 2);
            }
        }
        // Later turns find the history in the prefix cache: at least the first turn of each conversation.
        assertThat(hits).isGreaterThanOrEqualTo(3 * 2 * 96 * 0.8);
        LevelMetrics m = run.result().levels().getFirst().metrics();
        assertThat(m.ttftMillisByTurn()).containsOnlyKeys(1, 2, 3);
        assertThat(m.ttftMillisByTurn().get(2).count()).isEqualTo(3);
        // Conversations have no single asked length to check the server's count against.
        assertThat(m.lengths()).isNull();
    }

    @Test
    void sharedPrefixesAreServedFromThePrefixCacheUniquePromptsAreNot() throws Exception {
        double queriedBefore = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_queries_total");
        double hitsBefore = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total");
        BenchAgainst.Run unique = BenchAgainst.run(server.baseUri(), "sim-model", scaling(2, 12).build());
        double uniqueHits = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total") - hitsBefore;

        hitsBefore = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total");
        BenchAgainst.Run shared = BenchAgainst.run(server.baseUri(), "sim-model",
                scaling(2, 12).requestMix(new RequestMix.SharedPrefixes(2, 64)).build());
        double sharedHits = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total") - hitsBefore;
        assertThat(BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_queries_total")).isGreaterThan(queriedBefore);

        assertThat(shared.records()).hasSize(12).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            // The prefix and the request's own text add up to the asked length.
            assertThat(r.promptTokens()).isBetween(95, 97);
        });
        assertThat(unique.records()).hasSize(12);
        // Two groups of 64 tokens: every request after its group's first finds the prefix cached (whole
        // blocks only, so at least 48 of the 64 with the simulator's 16-token blocks).
        assertThat(sharedHits).isGreaterThanOrEqualTo(10 * 48);
        assertThat(uniqueHits).isLessThan(sharedHits / 4);
        assertThat(shared.said()).anyMatch(line -> line.contains("2 shared prefixes of 64 tokens"));
    }

    @Test
    void aShareGptDatasetSendsItsPromptsWithTheRecordedAnswerLengths() {
        BenchmarkConfig config = scaling(2, 12).requestMix(new RequestMix.FromDataset(
                DatasetSpec.parse("sharegpt:" + SampleFiles.SHAREGPT).withFilter(LengthFilter.parse("max_total=900"))))
                .build();
        BenchAgainst.Run run = BenchAgainst.run(server.baseUri(), "sim-model", config);

        var dataset = ((RequestSource.FromDataset) run.plan().requests()).dataset();
        assertThat(run.said()).anyMatch(line -> line.contains(dataset.describe()));
        List<RequestRecord> records = run.level("c=2");
        assertThat(records).hasSize(12).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(RequestOutcome.OK));
        for (int i = 0; i < records.size(); i++) {
            var entry = dataset.requests().get(i % dataset.requests().size());
            // Counted by the simulator's /tokenize before the run, so the server's count is the same.
            assertThat(records.get(i).promptTokens()).isEqualTo(entry.promptTokens());
            // ShareGPT's recorded answer length is max_tokens, exact with ignore_eos (as vLLM's client does).
            assertThat(records.get(i).completionTokens()).isEqualTo(entry.outputTokens().orElseThrow());
        }
        assertThat(records.stream().mapToInt(RequestRecord::promptTokens).distinct().count()).isGreaterThan(5);
        assertThat(run.result().levels().getFirst().metrics().lengths().notes()).isEmpty();
    }

    @Test
    void aMooncakeTraceIsReplayedAtItsArrivalTimesAndItsSharedBlocksHitThePrefixCache(@TempDir Path dir)
            throws Exception {
        Path trace = SampleFiles.smallMooncakeTrace(dir);
        double hitsBefore = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total");
        BenchAgainst.Run run = BenchAgainst.run(server.baseUri(), "sim-model", scaling(1, 1)
                .requestMix(new RequestMix.FromTrace(trace, Optional.empty(), List.of(4.0), Integer.MAX_VALUE)).build());
        double hits = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total") - hitsBefore;

        assertThat(run.result().levels()).extracting(l -> l.spec().name()).containsExactly("trace x4");
        List<RequestRecord> records = run.level("trace x4");
        assertThat(records).hasSize(SampleFiles.MOONCAKE_ROWS.length)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(RequestOutcome.OK));
        long start = records.getFirst().scheduledNanos();
        for (int i = 0; i < records.size(); i++) {
            int[] row = SampleFiles.MOONCAKE_ROWS[i];
            RequestRecord r = records.get(i);
            // Open loop at 4x: scheduled at a quarter of the trace's offset, timed from that schedule.
            assertThat(r.scheduledNanos() - start).isEqualTo(Math.round(row[0] * 1_000_000L / 4.0));
            assertThat(r.promptTokens()).isBetween(row[1] - 1, row[1] + 1);
            assertThat(r.completionTokens()).isEqualTo(row[2]);
        }
        // Rows 2 and 4 repeat row 1's first block of 512 tokens (hash id 7): cached at least once.
        assertThat(hits).isGreaterThanOrEqualTo(496);
    }
}
