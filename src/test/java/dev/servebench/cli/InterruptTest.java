package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.run.StopSignals;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import dev.servebench.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C during a run, sent as a real SIGINT to a real child JVM: the run stops issuing, lets the
 * requests in flight finish or cancels them after the grace period, and still prints the tables,
 * writes the summary and the report, and exits 130.
 */
@EndToEnd
class InterruptTest {

    @Test
    void sigintEndsTheRunWithItsResultsWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        // 300 tokens 20 ms apart: each request takes 6 s, longer than the 5 s grace, so the one in
        // flight at the signal is cancelled rather than finished. SIGINT once BASELINE's first request
        // has ended (the second is then in flight).
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM, 20)) {
            InterruptedChild child = InterruptedChild.run(dir, out.resolve("requests.jsonl"), "bench",
                    "--url", server.baseUri().toString(), "--model", "m", "--phases", "baseline,scaling",
                    "--baseline-requests", "4", "--scaling", "4", "--requests", "40", "--input-tokens", "8",
                    "--output-tokens", "300", "--ignore-eos", "--cooldown", "0s", "--tokenizer", "estimate",
                    "--out", out.toString(), "--no-db");
            String err = child.stderr();
            assertThat(child.exitCode()).as(err).isEqualTo(StopSignals.EXIT_INTERRUPTED);
            assertThat(err).contains("stopping (SIGINT)", "interrupted:");
            // The tables of what ran; SCALING never started.
            assertThat(child.stdout()).contains("BASELINE", "c=1").doesNotContain("SCALING (");
            // The level Ctrl-C cut says so beside its status.
            assertThat(child.stdout()).contains("OK (partial)");
        }
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("levels")).hasSize(1);
        assertThat(Files.exists(out.resolve("report.html"))).isTrue();
        List<String> lines = Files.readAllLines(out.resolve("requests.jsonl"), StandardCharsets.UTF_8);
        // Every request that was sent is recorded once: finished or cancelled, none lost.
        long cancelled = lines.stream().filter(l -> l.contains("\"outcome\":\"cancelled\"")).count();
        assertThat(cancelled).isPositive();
        assertThat(lines).hasSize(2);
        assertThat(summary.path("levels").get(0).toString()).contains("PARTIAL: interrupted after 2 of 4 requests");
        JsonNode metrics = summary.path("levels").get(0).path("metrics");
        assertThat(metrics.path("requests").asInt()).isEqualTo(2);
        // The cancelled request is the user's doing: the one that ran is the whole success rate.
        assertThat(metrics.path("success_rate").asDouble()).isEqualTo(1.0);
    }
}
