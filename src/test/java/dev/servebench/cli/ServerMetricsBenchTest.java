package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench --server-metrics}: the server's own view of every level, next to the client's. */
class ServerMetricsBenchTest {

    @Test
    void theBuiltInTargetsMetricsGiveEveryLevelTheServersOwnView(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRunner run = CliRunner.run("bench", "--phases", "warmup,scaling", "--scaling", "2,4", "--requests", "8",
                "--output-tokens", "64", "--ignore-eos", "--cooldown", "0s", "--no-report", "--quiet",
                "--server-metrics", "--metrics-interval", "50ms", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("servebench: server metrics from http://127.0.0.1:")
                .doesNotContain("cannot read");

        JsonNode levels = Json.mapper().readTree(out.resolve("summary.json").toFile()).path("levels");
        assertThat(levels).hasSize(3);
        long previousEnd = -1;
        for (JsonNode level : levels) {
            JsonNode m = level.path("metrics");
            JsonNode s = level.path("server_metrics");
            int concurrency = level.path("concurrency").asInt();
            assertThat(s.path("engine").asText()).isEqualTo("vllm");
            assertThat(s.path("source").asText()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
            assertThat(s.path("scrape_failures").asInt()).isZero();
            // One reading as the level starts and one as it ends, whatever the interval.
            assertThat(s.path("scrapes").asInt()).isGreaterThanOrEqualTo(2);

            // Counter and histogram differences between the level's first and last reading are exact: the
            // server counted exactly the level's requests and tokens.
            int valid = m.path("valid_requests").asInt();
            assertThat(s.path("ttft_millis").path("observations").asDouble()).isEqualTo(valid);
            assertThat(s.path("generation_tokens").asDouble()).isEqualTo(m.path("completion_tokens").asDouble());
            assertThat(s.path("prompt_tokens").asDouble()).isEqualTo(m.path("prompt_tokens").asDouble());
            assertThat(s.path("preemptions").asDouble()).isZero();
            assertThat(s.path("prefix_cache_hit_fraction").asDouble()).isBetween(0.0, 1.0);
            // The server's TTFT runs from the request's arrival, the client's from its sending: never longer,
            // over the same requests.
            double serverTtft = s.path("ttft_millis").path("mean").asDouble();
            assertThat(serverTtft).isPositive().isLessThanOrEqualTo(m.path("ttft_millis").path("mean").asDouble());
            assertThat(s.path("ttft_millis").path("p50").asDouble()).isPositive();
            assertThat(s.path("ttft_millis").path("p99").asDouble())
                    .isGreaterThanOrEqualTo(s.path("ttft_millis").path("p50").asDouble());

            // Gauges from the readings during the level: the batch held the level's requests, never more.
            assertThat(s.path("running_requests").path("scrapes").asInt()).isPositive();
            assertThat(s.path("running_requests").path("max").asDouble()).isPositive()
                    .isLessThanOrEqualTo(concurrency);
            assertThat(s.path("waiting_requests").path("max").asDouble()).isBetween(0.0, (double) concurrency);
            assertThat(s.path("kv_cache_usage_fraction").path("max").asDouble()).isPositive().isLessThanOrEqualTo(1);

            // The series for the charts: one point per successful reading, in time order after the last level's.
            JsonNode series = s.path("series");
            assertThat(series.path("elapsed_millis")).hasSize(s.path("scrapes").asInt());
            assertThat(series.path("running_requests")).hasSize(s.path("scrapes").asInt());
            for (JsonNode t : series.path("elapsed_millis")) {
                assertThat(t.asLong()).isGreaterThanOrEqualTo(previousEnd);
                previousEnd = t.asLong();
            }
            // What this tool does not interpret is kept as the last reading showed it.
            assertThat(s.path("last_values").fieldNames()).toIterable()
                    .anyMatch(k -> k.startsWith("vllm:request_success_total{"));
        }
    }

    @Test
    void anUnreadableEndpointNeverFailsALevelIsSaidOnceAndItsCredentialsNeverShow(@TempDir Path dir)
            throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path out = dir.resolve("run");
        CliRunner run = CliRunner.run("bench", "--phases", "baseline,scaling", "--baseline-requests", "2",
                "--scaling", "2", "--requests", "2", "--output-tokens", "8", "--cooldown", "0s", "--no-report",
                "--server-metrics", "http://scraper:hunter2pass@127.0.0.1:" + closed + "/metrics?token=s3cr3tvalue",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("server metrics: cannot read"))).hasSize(1);
        assertThat(run.err()).contains("http://***@127.0.0.1:" + closed + "/metrics?token=***");
        String summary = Files.readString(out.resolve("summary.json"));
        for (String secret : new String[] {"hunter2pass", "s3cr3tvalue"}) {
            assertThat(run.err()).doesNotContain(secret);
            assertThat(run.out()).doesNotContain(secret);
            assertThat(summary).doesNotContain(secret);
        }
        JsonNode levels = Json.mapper().readTree(summary).path("levels");
        assertThat(levels).hasSize(2);
        for (JsonNode level : levels) {
            assertThat(level.path("status").asText()).isEqualTo("OK");
            JsonNode s = level.path("server_metrics");
            assertThat(s.path("scrapes").asInt()).isZero();
            assertThat(s.path("scrape_failures").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(s.path("first_failure").asText()).contains("127.0.0.1");
            assertThat(s.has("ttft_millis")).isFalse();
        }
    }

    @Test
    void contradictoryOrDanglingFlagsAreUsageErrors() {
        assertUsage(CliRunner.run("bench", "--server-metrics", "--prometheus", "http://127.0.0.1:9090"),
                "either --server-metrics or --prometheus");
        assertUsage(CliRunner.run("bench", "--prometheus-query", "waiting=sum(x)"), "--prometheus-query needs");
        assertUsage(CliRunner.run("bench", "--metrics-interval", "1s"), "--metrics-interval needs");
        assertUsage(CliRunner.run("bench", "--server-metrics", "--metrics-interval", "1ms"), "at least 10ms");
        assertUsage(CliRunner.run("bench", "--prometheus", "http://127.0.0.1:9090", "--prometheus-query", "nameonly"),
                "NAME=PROMQL");
        assertUsage(CliRunner.run("bench", "--server-metrics", "metrics"), "a path on the target");
    }

    private static void assertUsage(CliRunner run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }
}
