package dev.servebench.results;

import dev.servebench.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TargetInfo;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsFolderTest {

    @Test
    void aCrashMidBenchmarkKeepsEveryRequestAlreadyMeasured(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m"));
             ResultsFolder results = new ResultsFolder(dir)) {
            HttpLevelExecutor http = new HttpLevelExecutor(client);
            AtomicInteger levels = new AtomicInteger();
            LevelExecutor crashesOnThirdLevel = (level, requests, listener) -> {
                if (levels.incrementAndGet() == 3) {
                    throw new IllegalStateException("simulated crash");
                }
                return http.execute(level, requests, listener);
            };
            BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE, Phase.SCALING))
                    .scalingLevels(List.of(2, 4)).requestsPerLevel(6).baselineRequests(6).cooldown(Duration.ZERO).build();
            Benchmark benchmark = Benchmark.builder().target(new TargetInfo("fake", server.baseUri().toString(), "m"))
                    .config(config).executor(crashesOnThirdLevel).listener(results).build();
            assertThatThrownBy(benchmark::run).hasMessage("simulated crash");
        }
        List<String> lines = Files.readAllLines(dir.resolve("requests.jsonl"));
        assertThat(lines).hasSize(12);
        JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isFalse();
        assertThat(summary.path("levels")).hasSize(2);
        assertThat(dir.resolve("summary.json.tmp")).doesNotExist();
    }

    @Test
    void requestLinesCarryTimesTokensAndOutcome(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.LLAMA_CPP);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m"));
             ResultsFolder results = new ResultsFolder(dir)) {
            BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE)).baselineRequests(2)
                    .ignoreEos(true).build();
            Benchmark.builder().target(new TargetInfo("fake", "u", "m")).config(config)
                    .executor(new HttpLevelExecutor(client)).listener(results).build().run();
        }
        JsonNode line = Json.mapper().readTree(Files.readAllLines(dir.resolve("requests.jsonl")).get(0));
        assertThat(line.path("phase").asText()).isEqualTo("BASELINE");
        assertThat(line.path("outcome").asText()).isEqualTo("ok");
        assertThat(line.path("completion_tokens").asInt()).isEqualTo(200);
        assertThat(line.path("itl_ms")).hasSize(199);
        assertThat(line.path("end_ms").asDouble()).isGreaterThan(line.path("first_token_ms").asDouble());
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void aSummaryWriteThatFailsDoesNotEndTheRunAndTheNextWriteHoldsEveryLevel(@TempDir Path dir) throws Exception {
        // A folder where summary.json.tmp cannot be created while the first SCALING level ends (as when
        // no file descriptor is left): the run goes on, and the next successful write has every level.
        Path blocker = dir.resolve("summary.json.tmp");
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> failureSeen =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m"));
             ResultsFolder results = new ResultsFolder(dir)) {
            BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                    .scalingLevels(List.of(1, 2, 3)).requestsPerLevel(2).cooldown(Duration.ZERO).build();
            AtomicInteger ended = new AtomicInteger();
            Benchmark.builder().target(new TargetInfo("fake", server.baseUri().toString(), "m")).config(config)
                    .executor(new HttpLevelExecutor(client))
                    .listener(new dev.servebench.bench.BenchmarkListener() {
                        @Override
                        public void onLevelStart(dev.servebench.bench.LevelSpec level, int n, int count) {
                            try {
                                if (n == 1) {
                                    Files.createDirectory(blocker); // makes the next summary write fail
                                } else if (n == 2) {
                                    failureSeen.set(results.failure());
                                    Files.delete(blocker);
                                }
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    })
                    .listener(results).build().run();
            assertThat(results.failure()).isEmpty();
        }
        assertThat(failureSeen.get()).hasValueSatisfying(f -> assertThat(f).contains("cannot write", "summary.json"));
        JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("levels")).hasSize(3);
    }
}
