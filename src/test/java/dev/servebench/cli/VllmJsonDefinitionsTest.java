package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.server.EventStream;
import dev.servebench.server.HttpExchange;
import dev.servebench.server.StreamingHttpServer;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #28, defect 11c: runs export --format vllm-json uses vLLM's definitions (vllm/benchmarks/serve.py,
 * calculate_metrics): total_input_tokens is the sum of the requests' prompt_len (the length the client asked
 * for, counted by its tokenizer) over the successful requests, not the server's usage count, which adds the
 * chat template; and a request is successful when the stream answered with content, so an answer shorter
 * than max_tokens is completed. servebench's own figures stay under servebench_* keys.
 */
@EndToEnd
class VllmJsonDefinitionsTest {
    private static final Pattern RECORDED = Pattern.compile("Recorded as run (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the server says the prompts were: far from the 16 asked, as a chat template adds tokens. */
    private static final int SERVER_PROMPT_TOKENS = 29;
    private static final int ASKED = 16;
    private static final int FORCED = 4;

    @TempDir
    Path dir;

    /** Streams FORCED tokens, except every other request after the preflight, which stops after 2. */
    private static StreamingHttpServer server() throws Exception {
        AtomicInteger n = new AtomicInteger();
        return StreamingHttpServer.startLoopback((HttpExchange ex) -> {
            // Never more than max_tokens (the preflight asks for 1): a larger usage count is refused as impossible.
            int asked = dev.servebench.testing.RawRequests.maxTokens(ex.bodyText(), FORCED);
            int tokens = Math.min(asked, n.getAndIncrement() % 2 == 1 ? 2 : FORCED);
            String head = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[";
            EventStream stream = ex.startEventStream();
            for (int t = 0; t < tokens; t++) {
                stream.send(head + "{\"index\":0,\"delta\":{\"content\":\" w\"},\"finish_reason\":"
                        + (t == tokens - 1 ? "\"stop\"" : "null") + "}]}");
            }
            stream.send(head + "],\"usage\":{\"prompt_tokens\":" + SERVER_PROMPT_TOKENS + ",\"completion_tokens\":"
                    + tokens + ",\"total_tokens\":" + (SERVER_PROMPT_TOKENS + tokens) + "}}");
            stream.send("[DONE]");
            stream.close();
        });
    }

    @Test
    void vllmJsonCountsTheAskedPromptLengthsAndShortAnswersAsCompleted() throws Exception {
        DatabaseLocation db = TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir.resolve("db"));
        Path out = dir.resolve("run");
        String runId;
        try (StreamingHttpServer s = server()) {
            CliRunner bench = CliRunner.run("bench", "--url", "http://127.0.0.1:" + s.port(), "--model", "m",
                    "--phases", "baseline", "--baseline-requests", "6", "--input-tokens", Integer.toString(ASKED),
                    "--output-tokens", Integer.toString(FORCED), "--ignore-eos", "--cooldown", "0s", "--no-report",
                    "--quiet", "--db", db.jdbcUrl(), "--out", out.toString());
            Matcher m = RECORDED.matcher(bench.out());
            assertThat(m.find()).as(bench.out() + bench.err()).isTrue();
            runId = m.group(1);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("requests.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("outcome").asText()).contains("ok", "short");
        long ok = lines.stream().filter(l -> l.path("outcome").asText().equals("ok")).count();

        CliRunner export = CliRunner.run("runs", "export", runId, "--format", "vllm-json", "--db", db.jdbcUrl());
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode doc = JSON.readTree(export.out().lines().toList().getFirst());

        int n = lines.size();
        long output = lines.stream().mapToLong(l -> l.path("completion_tokens").asLong()).sum();
        assertThat(doc.path("num_prompts").asInt()).isEqualTo(n);
        assertThat(doc.path("completed").asInt()).as("a short answer is a success to vLLM").isEqualTo(n);
        assertThat(doc.path("total_input_tokens").asLong()).as("the asked prompt_len, not the server's count")
                .isEqualTo((long) ASKED * n);
        assertThat(doc.path("total_output_tokens").asLong()).isEqualTo(output);
        double duration = doc.path("duration").asDouble();
        assertThat(doc.path("total_token_throughput").asDouble())
                .isCloseTo(((double) ASKED * n + output) / duration, within(1e-6));
        assertThat(doc.path("request_throughput").asDouble()).isCloseTo(n / duration, within(1e-6));
        List<Integer> inputLens = new ArrayList<>();
        doc.path("input_lens").forEach(v -> inputLens.add(v.asInt()));
        assertThat(inputLens).hasSize(n).containsOnly(ASKED);
        List<Integer> outputLens = new ArrayList<>();
        doc.path("output_lens").forEach(v -> outputLens.add(v.asInt()));
        assertThat(outputLens).contains(2, FORCED).doesNotContain(0);

        // servebench's own figures, as --metadata strings: only full answers valid, the server's prompt counts.
        assertThat(doc.path("servebench_completed").asText()).isEqualTo(Long.toString(ok));
        assertThat(doc.path("servebench_total_input_tokens").asText())
                .isEqualTo(Long.toString(SERVER_PROMPT_TOKENS * ok));
    }
}
