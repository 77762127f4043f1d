package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import dev.servebench.testing.FakeOpenAiServer;
import dev.servebench.testing.FakeOpenAiServer.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"VLLM", "LLAMA_CPP"})
    void theIssuesExampleCommandAgainstServersThatStreamLikeVllmAndLlamaCpp(Dialect dialect, @TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("run");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(dialect)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m",
                    "--phases", "warmup,baseline,scaling", "--scaling", "1,4,8", "--input-tokens", "128",
                    "--output-tokens", "64", "--ignore-eos", "--cooldown", "0s", "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("SCALING", "c=8", "TTFT p50/p99 ms", "Token counts: from the server's usage");
            // Not a terminal (as in CI logs): one line per finished level, in order, as it finishes.
            List<String> levelLines = run.err().lines().filter(l -> l.matches("servebench: \\[\\d+/5] .*")).toList();
            assertThat(levelLines).hasSize(5);
            assertThat(levelLines.get(4)).startsWith("servebench: [5/5] SCALING c=8: 20 requests,")
                    .contains("tok/s", "success 100.0 %");
        }
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("schema").asText()).isEqualTo("servebench.summary/1");
        JsonNode levels = summary.path("levels");
        assertThat(levels).hasSize(5);
        for (JsonNode level : levels) {
            JsonNode m = level.path("metrics");
            assertThat(m.path("success_rate").asDouble()).isEqualTo(1.0);
            assertThat(level.path("status").asText()).isIn("OK", "DEGRADED");
            assertThat(m.path("token_source").asText()).isEqualTo("usage");
            assertThat(m.path("ttft_millis").path("p99").asDouble()).isPositive();
            assertThat(m.path("itl_millis").path("p50").asDouble()).isPositive();
            if (!level.path("phase").asText().equals("WARMUP")) {
                assertThat(m.path("completion_tokens").asLong() / m.path("valid_requests").asDouble())
                        .isEqualTo(64.0);
                assertThat(m.path("tpot_millis").path("p95").asDouble()).isPositive();
            }
        }
        List<String> lines = Files.readAllLines(out.resolve("requests.jsonl"));
        assertThat(lines).hasSize(1 + 10 + 3 * 20);
        long forced = lines.stream().map(BenchCommandTest::parse)
                .filter(l -> !l.path("phase").asText().equals("WARMUP"))
                .filter(l -> l.path("completion_tokens").asInt() == 64 && l.path("outcome").asText().equals("ok")
                        && l.path("token_source").asText().equals("usage"))
                .count();
        assertThat(forced).isEqualTo(70);
    }

    @Test
    void withoutIgnoreEosAServerStoppingEarlyIsStillValid(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.VLLM)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri() + "/v1", "--model", "m",
                    "--phases", "baseline", "--baseline-requests", "3", "--output-tokens", "10",
                    "--out", dir.resolve("r").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode m = Json.mapper().readTree(dir.resolve("r/summary.json").toFile()).path("levels").get(0).path("metrics");
            assertThat(m.path("success_rate").asDouble()).isEqualTo(1.0);
            assertThat(m.path("completion_tokens").asInt()).isEqualTo(15);
        }
    }

    @Test
    void workloadFileSetsEverythingAndFlagsOverrideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, """
                phases: [scaling]
                scaling: [2, 3]
                requests: 4
                input_tokens: 32
                output_tokens: 8
                ignore_eos: true
                cooldown: 0s
                slo: ttft=5s,tpot=1s
                active_params: 2
                """);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(Dialect.VLLM)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m",
                    "--workload", file.toString(), "--scaling", "2", "--out", dir.resolve("r").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        JsonNode levels = Json.mapper().readTree(dir.resolve("r/summary.json").toFile()).path("levels");
        assertThat(levels).hasSize(1);
        JsonNode m = levels.get(0).path("metrics");
        assertThat(m.path("requests").asInt()).isEqualTo(4);
        assertThat(m.path("completion_tokens").asInt()).isEqualTo(32);
        assertThat(m.path("goodput").path("share").asDouble()).isEqualTo(1.0);
        assertThat(m.path("total_tokens_per_second_per_active_billion").asDouble()).isPositive();
    }

    @Test
    void noUrlRunsTheBuiltInTarget(@TempDir Path dir) {
        // Short answers and few requests: the point is the whole pipeline against the built-in target (it answers in
        // real time, so the default 200-token answers made this the suite's longest unit test, 56 s).
        CliRunner run = CliRunner.run("bench", "--phases", "warmup,baseline,scaling", "--scaling", "2",
                "--baseline-requests", "3", "--requests", "4", "--output-tokens", "24", "--cooldown", "0s",
                "--out", dir.resolve("r").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("BASELINE", "SCALING", "Results:");
        assertThat(dir.resolve("r/summary.json")).exists();
    }

    @Test
    void badInputGivesOneLineErrorAndExitCodeTwo(@TempDir Path dir) throws Exception {
        assertUsageError(CliRunner.run("bench", "--url", "ftp://x", "--model", "m"), "--url must look like");
        assertUsageError(CliRunner.run("bench", "--url", "http://127.0.0.1:9"), "--model is required");
        assertUsageError(CliRunner.run("bench", "--phases", "warmup,bogus"), "unknown phase 'bogus'");
        assertUsageError(CliRunner.run("bench", "--scaling", "0"), "positive");
        assertUsageError(CliRunner.run("bench", "--intensity", "extreme"), "quick, default or thorough");
        assertUsageError(CliRunner.run("bench", "--slo", "ttft=fast"), "cannot read duration 'fast'");
        assertUsageError(CliRunner.run("bench", "--requests", "lots"), "--requests");
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, "concurrency: 5\n");
        assertUsageError(CliRunner.run("bench", "--workload", file.toString()), "unknown key 'concurrency'");
        Path used = dir.resolve("used");
        Files.createDirectories(used);
        Files.writeString(used.resolve("requests.jsonl"), "{}\n");
        assertUsageError(CliRunner.run("bench", "--phases", "warmup", "--out", used.toString()), "already holds");
        assertThat(Files.readString(used.resolve("requests.jsonl"))).isEqualTo("{}\n");
    }

    @Test
    void helpTeachesByExample() {
        CliRunner run = CliRunner.run("bench", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:", "--ignore-eos", "--saturation", "--workload");
    }

    private static void assertUsageError(CliRunner run, String fragment) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains(fragment);
        assertThat(run.err().lines().filter(l -> l.startsWith("servebench: error:")).count()).isEqualTo(1);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
