package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.stats.Summary;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code bench --workers 4}: four worker JVMs against the simulator on loopback. The merged summary's
 * percentiles are those of the four workers' own requests.jsonl put together (exact merging, not averaged
 * per-worker percentiles), every request of each level is sent once by exactly one worker, and the levels get
 * the statuses a one-process run of the same plan gets.
 */
@EndToEnd
class DistributedBenchTest {
    private static final String[] PLAN = {"--phases", "baseline,scaling", "--baseline-requests", "6",
        "--scaling", "2,8", "--requests", "40", "--input-tokens", "48", "--output-tokens", "24", "--ignore-eos",
        "--cooldown", "0s", "--no-db", "--no-report", "--quiet"};

    @Test
    void fourWorkersMergeExactlyAndGetTheOneProcessStatuses(@TempDir Path dir) throws Exception {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        try (SimServer server = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE)) {
            Path distributed = dir.resolve("distributed");
            CliRunner run = bench(server, distributed, "--workers", "4");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("4 load workers joined");

            JsonNode summary = Json.mapper().readTree(distributed.resolve("summary.json").toFile());
            List<JsonNode> workerLines = new ArrayList<>();
            Map<String, Integer> workersPerLevel = new TreeMap<>();
            for (int w = 0; w < 4; w++) {
                List<JsonNode> own = lines(distributed.resolve("workers/worker-" + w + "/requests.jsonl"));
                own.stream().map(DistributedBenchTest::key).distinct().forEach(k -> workersPerLevel.merge(k, 1, Integer::sum));
                workerLines.addAll(own);
            }
            // c=1 runs on one worker, c=2 on two, c=8 on all four.
            assertThat(workersPerLevel).containsEntry("BASELINE c=1", 1).containsEntry("SCALING c=2", 2)
                    .containsEntry("SCALING c=8", 4);
            Map<String, List<JsonNode>> byLevel = byLevel(workerLines);
            for (JsonNode level : summary.path("levels")) {
                String key = level.path("phase").asText() + " " + level.path("name").asText();
                List<JsonNode> union = byLevel.get(key);
                JsonNode m = level.path("metrics");
                // Every request of the level, once: the numbers 0..n-1, each sent by one worker.
                assertThat(union.stream().map(l -> l.path("index").asInt()).sorted().toList()).as(key)
                        .isEqualTo(IntStream.range(0, m.path("requests").asInt()).boxed().toList());
                assertThat(level.path("workers").path("finished").asInt()).as(key)
                        .isEqualTo(workersPerLevel.get(key)).isEqualTo(level.path("workers").path("planned").asInt());
                assertThat(m.path("success_rate").asDouble()).isEqualTo(1.0);
                Summary latency = Summary.of(union.stream().mapToDouble(l -> l.path("latency_ms").asDouble() / 1e3).toArray());
                Summary ttft = Summary.of(union.stream().mapToDouble(l -> l.path("ttft_ms").asDouble()).toArray());
                // requests.jsonl rounds to the microsecond: the only difference allowed.
                for (String p : List.of("p50", "p95", "p99", "max")) {
                    assertThat(m.path("latency_seconds").path(p).asDouble()).as(key + " latency " + p)
                            .isCloseTo(value(latency, p), within(1e-6));
                    assertThat(m.path("ttft_millis").path(p).asDouble()).as(key + " TTFT " + p)
                            .isCloseTo(value(ttft, p), within(1e-3));
                }
            }
            // The coordinator's requests.jsonl holds exactly the workers' records, as they arrived.
            assertThat(lines(distributed.resolve("requests.jsonl")).stream().map(DistributedBenchTest::identity).sorted()
                    .toList()).isEqualTo(workerLines.stream().map(DistributedBenchTest::identity).sorted().toList());

            Path single = dir.resolve("single");
            CliRunner one = bench(server, single);
            assertThat(one.exitCode()).as(one.err()).isZero();
            JsonNode oneSummary = Json.mapper().readTree(single.resolve("summary.json").toFile());
            assertThat(statuses(summary)).isEqualTo(statuses(oneSummary)).doesNotContainValue("FAILING");
            assertThat(oneSummary.path("levels").get(0).has("workers")).isFalse();
            // The same requests: request i of each level asked the same prompt length in both runs.
            assertThat(promptTokensByRequest(lines(distributed.resolve("requests.jsonl"))))
                    .isEqualTo(promptTokensByRequest(lines(single.resolve("requests.jsonl"))));
        }
    }

    private static CliRunner bench(SimServer server, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("bench", "--url", server.baseUri().toString(), "--model",
                "sim-model", "--out", out.toString()));
        args.addAll(List.of(PLAN));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static double value(Summary s, String p) {
        return switch (p) {
            case "p50" -> s.p50();
            case "p95" -> s.p95();
            case "p99" -> s.p99();
            default -> s.max();
        };
    }

    private static String key(JsonNode line) {
        return line.path("phase").asText() + " " + line.path("level").asText();
    }

    /** A request's level, number and measurements, independent of the time origin of the file it is in. */
    private static String identity(JsonNode line) {
        return key(line) + " #" + line.path("index").asInt() + " " + line.path("latency_ms").asText() + " "
                + line.path("ttft_ms").asText() + " " + line.path("itl_ms");
    }

    private static Map<String, List<JsonNode>> byLevel(List<JsonNode> lines) {
        Map<String, List<JsonNode>> m = new LinkedHashMap<>();
        lines.forEach(l -> m.computeIfAbsent(key(l), k -> new ArrayList<>()).add(l));
        return m;
    }

    private static Map<String, String> statuses(JsonNode summary) {
        Map<String, String> m = new LinkedHashMap<>();
        summary.path("levels").forEach(l -> m.put(l.path("phase").asText() + " " + l.path("name").asText(),
                l.path("status").asText()));
        return m;
    }

    private static Map<String, Integer> promptTokensByRequest(List<JsonNode> lines) {
        Map<String, Integer> m = new TreeMap<>();
        lines.forEach(l -> m.put(key(l) + " #" + l.path("index").asInt(), l.path("prompt_tokens").asInt()));
        return m;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.map(l -> {
                try {
                    return Json.mapper().readTree(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
