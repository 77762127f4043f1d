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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #28, defect 11a: dataset prompts are counted as vLLM's client counts them,
 * {@code len(tokenizer(prompt).input_ids)}, special tokens (BOS) included, so the length filter keeps
 * and drops the same entries and the same max_tokens go out. Checked against the real llama.cpp server,
 * whose /tokenize leaves BOS out unless asked: with the text-completions API (no chat template) the
 * server's own usage.prompt_tokens of the prompt it was sent is the count with BOS, and each request's
 * asked length must equal it.
 */
@EndToEnd
@Tag("real-server")
class LlamaServerDatasetCountTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATASET = Path.of("src/test/resources/datasets/sharegpt_sample.json");

    @TempDir
    Path dir;

    @Test
    void datasetPromptsAreCountedWithTheBosTokenAsVllmsClientCountsThem() throws Exception {
        Path out = dir.resolve("run");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code;
        try (LlamaServer server = LlamaServer.startOrSkip()) {
            code = Main.execute(new String[]{"bench", "--url", server.baseUrl().toString(), "--model", "m",
                    "--api", "completions", "--dataset", "sharegpt:" + DATASET, "--tokenizer", "server",
                    "--phases", "baseline", "--baseline-requests", "4", "--cooldown", "0s", "--no-report",
                    "--quiet", "--no-db", "--out", out.toString()},
                    new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        }
        assertThat(code).as(stdout + "\n" + stderr).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("requests.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(4);
        for (JsonNode l : lines) {
            assertThat(l.path("token_source").asText()).isEqualTo("usage");
            assertThat(l.path("asked_prompt_tokens").asInt()).as("request %d", l.path("index").asInt())
                    .isEqualTo(l.path("prompt_tokens").asInt());
        }
    }
}
