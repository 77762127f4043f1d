package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.json.Json;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;
import dev.servebench.testing.BenchAgainst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against one long-running simulator, whose prefix cache keeps what it was sent as vLLM's does: repeating a
 * command sends new prompts (a seed drawn per run and per trial), so the second run is not served from the cache;
 * a fixed --seed replays the first run's prompts, and the note under its table names the hits.
 */
class FreshPromptsPerRunTest {
    private static final List<String> WORKLOAD = List.of("--phases", "scaling", "--scaling", "1", "--requests", "20",
            "--input-tokens", "512", "--output-tokens", "16", "--ignore-eos", "--cooldown", "0s");

    @TempDir
    Path dir;
    private SimServer server;

    @BeforeEach
    void start() throws java.io.IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        server = SimServer.start(d, "tiny", "127.0.0.1", 0, ImageTokens.fixed(100), AnswerLengths.UNTIL_MAX_TOKENS,
                FaultPlan.NONE, Integer.MAX_VALUE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRepeatedCommandSendsNewPromptsAndAFixedSeedIsServedFromTheCacheWithANote() throws Exception {
        CliRunner first = bench("run1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode firstSummary = summary("run1");
        long firstSeed = firstSummary.path("config").path("seed").asLong();
        assertThat(firstSummary.path("config").path("seed_origin").asText()).isEqualTo("drawn");
        assertThat(first.err()).contains("prompts from seed " + firstSeed + " (drawn for this run; --seed " + firstSeed);

        Hits second = hitsDuring(() -> bench("run2"));
        JsonNode secondSummary = summary("run2");
        assertThat(secondSummary.path("config").path("seed").asLong()).isNotEqualTo(firstSeed);
        // The simulator's own counters: under 5 % of the second run's prompt tokens came from its cache.
        assertThat(second.queried()).isGreaterThan(20 * 512);
        assertThat(second.hits()).isLessThan(0.05 * second.queried());
        JsonNode cache = level(secondSummary).path("prompt_cache");
        assertThat(cache.path("cached_fraction").asDouble()).isLessThan(0.05);
        assertThat(cache.path("counted_by").asText()).contains("vllm:prefix_cache_hits_total");
        assertThat(cache.has("note")).isFalse();
        assertThat(second.run().out()).contains("no level's new prompts were served from the server's cache")
                .doesNotContain("prompt cache: the server served");

        // The first run's seed replays its prompts: the simulator answers them from its cache, and the run says so.
        Hits replay = hitsDuring(() -> benchWithReport("run3", "--seed", Long.toString(firstSeed)));
        assertThat(replay.hits()).isGreaterThan(0.5 * replay.queried());
        JsonNode replayed = summary("run3");
        assertThat(replayed.path("config").path("seed_origin").asText()).isEqualTo("given");
        JsonNode note = level(replayed).path("prompt_cache").path("note");
        assertThat(note.asText()).contains("meant to be new", "vllm:prefix_cache_hits_total");
        assertThat(replay.run().out()).contains("c=1: prompt cache: the server served",
                "on 1 of 1 levels the server served prompts meant to be new from its cache");
        // The report has the level in its prompt-cache table, marked as not expected.
        assertThat(java.nio.file.Files.readString(dir.resolve("run3/tables/prompt-cache.csv")))
                .contains("SCALING c=1", "NO", "meant to be new");
        assertThat(dir.resolve("run2/tables")).doesNotExist();
        // The figure in the note is the counters' own difference over the level.
        assertThat(level(replayed).path("prompt_cache").path("cached_tokens").asDouble())
                .isEqualTo(replay.hits());
    }

    @Test
    void repeatAgainstOneRunningServerGivesEachTrialPromptsOfItsOwnAndRecordsTheSeeds() throws Exception {
        Path db = dir.resolve("runs.db");
        List<String> args = new ArrayList<>(List.of("experiment", "repeat", "-n", "3", "--url",
                server.baseUri().toString(), "--model", "tiny", "--db", db.toString(), "--out",
                dir.resolve("repeat").toString()));
        args.addAll(WORKLOAD);
        args.set(args.indexOf("20"), "8");
        args.add("--no-report");
        CliRunner run = CliRunner.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<Long> seeds = new ArrayList<>();
        try (Stream<Path> trials = java.nio.file.Files.list(dir.resolve("repeat"))) {
            for (Path trial : trials.filter(java.nio.file.Files::isDirectory).filter(p -> p.resolve("summary.json")
                    .toFile().isFile()).sorted().toList()) {
                JsonNode summary = Json.mapper().readTree(trial.resolve("summary.json").toFile());
                assertThat(summary.path("config").path("seed_origin").asText()).isEqualTo("trial");
                seeds.add(summary.path("config").path("seed").asLong());
                JsonNode cache = level(summary).path("prompt_cache");
                assertThat(cache.path("cached_fraction").asDouble()).as(trial.toString()).isLessThan(0.05);
                assertThat(cache.path("prompt_tokens").asLong()).isGreaterThan(0);
            }
        }
        assertThat(seeds).hasSize(3).doesNotHaveDuplicates();
        // The experiment's output names each trial's seed, and its cache check.
        assertThat(run.out()).contains("Trials: each run sends prompts of its own");
        seeds.forEach(seed -> assertThat(run.out()).contains(Long.toString(seed)));
        assertThat(run.out()).doesNotContain("CACHED");
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            StoredExperiment x = store.list(dev.servebench.store.RunFilter.ALL).getFirst().experiment()
                    .map(m -> store.findExperiment(m.experimentId()).orElseThrow()).orElseThrow();
            JsonNode analysis = Json.mapper().readTree(x.resultJson().orElseThrow());
            List<Long> stored = new ArrayList<>();
            analysis.path("trials").forEach(t -> stored.add(t.path("seed").asLong()));
            assertThat(stored).containsExactlyInAnyOrderElementsOf(seeds);
            List<StoredRun> runs = store.runsOf(x.id());
            assertThat(runs).extracting(r -> Json.mapper().readTree(r.configJson()).path("seed").asLong())
                    .containsExactlyInAnyOrderElementsOf(seeds);
            StoredRun first = runs.getFirst();
            long firstSeed = Json.mapper().readTree(first.configJson()).path("seed").asLong();
            assertThat(CliRunner.run("runs", "show", first.id(), "--db", db.toString()).out())
                    .contains("Prompts:     seed " + firstSeed + " (trial); servebench bench --seed " + firstSeed);
        }
    }

    private CliRunner bench(String out) {
        return benchWithReport(out, "--no-report");
    }

    private CliRunner benchWithReport(String out, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "--url", server.baseUri().toString(), "--model", "tiny",
                "--no-db", "--quiet", "--out", dir.resolve(out).toString()));
        args.addAll(WORKLOAD);
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private JsonNode summary(String out) throws Exception {
        return Json.mapper().readTree(dir.resolve(out).resolve("summary.json").toFile());
    }

    private static JsonNode level(JsonNode summary) {
        return summary.path("levels").get(summary.path("levels").size() - 1);
    }

    private record Hits(CliRunner run, double hits, double queried) {
    }

    private Hits hitsDuring(java.util.function.Supplier<CliRunner> command) throws Exception {
        double hits = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total");
        double queried = BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_queries_total");
        CliRunner run = command.get();
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new Hits(run, BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_hits_total") - hits,
                BenchAgainst.metric(server.baseUri(), "vllm:prefix_cache_queries_total") - queried);
    }
}
