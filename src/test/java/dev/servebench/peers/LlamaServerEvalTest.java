package dev.servebench.peers;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.cli.Main;
import dev.servebench.testing.LlamaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code servebench eval} end to end against the real llama.cpp server: its random-weight model writes gibberish,
 * so the check must run every question, grade the gibberish as the wrong answers it is (chance level or below) with
 * an interval around that, and keep each wrong answer with its question. Bounded: 20 short MMLU-style questions
 * and 10 GSM8K-style ones, 16 tokens an answer.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerEvalTest {
    private static final Path TASKS = Path.of("src", "test", "resources", "eval");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void evalRunsEndToEndAndKeepsTheItemsTheRandomModelGotWrong() throws Exception {
        Path out = dir.resolve("eval");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code;
        try (LlamaServer server = LlamaServer.startOrSkip()) {
            code = Main.execute(new String[]{"eval", "--url", server.baseUrl().toString(), "--model", "m", "--tasks",
                    "mmlu:" + TASKS.resolve("mmlu_sample.jsonl"), "gsm8k:" + TASKS.resolve("arithmetic_500.jsonl"),
                    "--limit", "20", "--max-tokens", "16", "--concurrency", "4", "--no-db", "--out", out.toString()},
                    new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        }
        System.out.print(stdout);
        assertThat(code).as(stderr.toString()).isZero();
        JsonNode summary = JSON.readTree(out.resolve("eval.json").toFile());
        for (JsonNode task : summary.path("tasks")) {
            String name = task.path("task").asText();
            int items = task.path("items").asInt();
            int correct = task.path("correct").asInt();
            assertThat(items).as(name).isEqualTo(20);
            // Every request was answered: the failures are wrong answers, not failed requests.
            assertThat(task.path("failed_requests").asInt()).as(name).isZero();
            // Random weights: no better than guessing one of four options (MMLU), near nothing for free numbers.
            double chance = name.equals("mmlu_sample") ? 0.25 : 0.05;
            assertThat(task.path("ci_low").asDouble()).as(name).isLessThanOrEqualTo(chance);
            assertThat(task.path("ci_low").asDouble()).isLessThanOrEqualTo(task.path("accuracy").asDouble());
            assertThat(task.path("ci_high").asDouble()).isGreaterThan(task.path("accuracy").asDouble());
            List<String> failed = Files.readAllLines(out.resolve("failed-" + name + ".jsonl"));
            assertThat(failed).as(name).hasSize(items - correct);
            for (String line : failed) {
                JsonNode item = JSON.readTree(line);
                assertThat(item.path("prompt").asText()).isNotBlank();
                assertThat(item.path("expected").asText()).isNotBlank();
                assertThat(item.has("answer")).isTrue();
            }
        }
        assertThat(stdout.toString()).contains("mmlu_sample", "arithmetic_500", "95 % CI (Wilson)");
    }
}
