package dev.servebench.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.servebench.metrics.ServerMetricsSummary.Moment.DURING_LEVEL;
import static dev.servebench.metrics.ServerMetricsSummary.Moment.LEVEL_END;
import static dev.servebench.metrics.ServerMetricsSummary.Moment.LEVEL_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServerMetricsSummaryTest {
    /** vLLM's names as a V1 server shows them: two engines (data parallel), one model. */
    private static String vllm(int waiting0, int waiting1, int running0, int running1, double kv0, double kv1,
                               int preemptions, int hits, int queries, int[] ttftBuckets, double ttftSum) {
        StringBuilder b = new StringBuilder();
        b.append("# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n");
        b.append("# TYPE vllm:num_requests_waiting gauge\n");
        b.append("vllm:num_requests_waiting{engine=\"0\",model_name=\"m\"} ").append(waiting0).append('\n');
        b.append("vllm:num_requests_waiting{engine=\"1\",model_name=\"m\"} ").append(waiting1).append('\n');
        b.append("# TYPE vllm:num_requests_running gauge\n");
        b.append("vllm:num_requests_running{engine=\"0\",model_name=\"m\"} ").append(running0).append('\n');
        b.append("vllm:num_requests_running{engine=\"1\",model_name=\"m\"} ").append(running1).append('\n');
        b.append("# TYPE vllm:kv_cache_usage_perc gauge\n");
        b.append("vllm:kv_cache_usage_perc{engine=\"0\",model_name=\"m\"} ").append(kv0).append('\n');
        b.append("vllm:kv_cache_usage_perc{engine=\"1\",model_name=\"m\"} ").append(kv1).append('\n');
        b.append("# TYPE vllm:num_preemptions_total counter\n");
        b.append("vllm:num_preemptions_total{engine=\"0\",model_name=\"m\"} ").append(preemptions).append(".0\n");
        b.append("# TYPE vllm:prefix_cache_hits_total counter\n");
        b.append("vllm:prefix_cache_hits_total{engine=\"0\",model_name=\"m\"} ").append(hits).append(".0\n");
        b.append("# TYPE vllm:prefix_cache_queries_total counter\n");
        b.append("vllm:prefix_cache_queries_total{engine=\"0\",model_name=\"m\"} ").append(queries).append(".0\n");
        b.append("# TYPE vllm:time_to_first_token_seconds histogram\n");
        String[] le = {"0.1", "0.5", "1.0", "+Inf"};
        for (int i = 0; i < le.length; i++) {
            b.append("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"").append(le[i])
                    .append("\",model_name=\"m\"} ").append(ttftBuckets[i]).append(".0\n");
        }
        b.append("vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"m\"} ").append(ttftBuckets[3])
                .append(".0\n");
        b.append("vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"m\"} ").append(ttftSum).append('\n');
        return b.toString();
    }

    private static ServerReading reading(long at, String text) throws ExpositionFormatException {
        return ServerReading.of(PrometheusTextParser.parse(text), at);
    }

    @Test
    void gaugesComeFromTheReadingsDuringTheLevelAndCountersFromItsFirstAndLast() throws Exception {
        List<ServerMetricsSummary.Scrape> scrapes = List.of(
                new ServerMetricsSummary.Scrape(LEVEL_START, reading(1000,
                        vllm(0, 0, 0, 0, 0, 0, 2, 100, 1000, new int[] {1, 2, 3, 3}, 1.0))),
                new ServerMetricsSummary.Scrape(DURING_LEVEL, reading(1500,
                        vllm(3, 1, 8, 8, 0.5, 0.7, 3, 150, 1500, new int[] {1, 3, 5, 6}, 2.0))),
                new ServerMetricsSummary.Scrape(DURING_LEVEL, reading(2000,
                        vllm(1, 1, 8, 6, 0.4, 0.4, 4, 200, 2000, new int[] {2, 8, 10, 11}, 4.0))),
                new ServerMetricsSummary.Scrape(LEVEL_END, reading(2500,
                        vllm(0, 0, 0, 0, 0, 0, 5, 300, 3000, new int[] {3, 10, 12, 13}, 5.0))));
        ServerMetricsSummary s = ServerMetricsSummary.of("http://h/metrics", 500, scrapes, 1, "HTTP 503");

        assertThat(s.engine()).isEqualTo("vllm");
        assertThat(s.scrapes()).isEqualTo(4);
        assertThat(s.scrapeFailures()).isEqualTo(1);
        assertThat(s.firstFailure()).isEqualTo("HTTP 503");
        // Engines added up for requests, averaged for the KV fraction; the idle boundary readings left out.
        assertThat(s.waitingRequests()).isEqualTo(new ServerMetricsSummary.GaugeStats(3, 4, 2));
        assertThat(s.runningRequests()).isEqualTo(new ServerMetricsSummary.GaugeStats(15, 16, 2));
        assertThat(s.kvCacheUsageFraction().mean()).isCloseTo(0.5, within(1e-12));
        assertThat(s.kvCacheUsageFraction().max()).isCloseTo(0.6, within(1e-12));
        assertThat(s.preemptions()).isEqualTo(3.0);
        assertThat(s.prefixCacheHitFraction()).isEqualTo(200.0 / 2000);
        assertThat(s.prefixCacheQueriedTokens()).isEqualTo(2000.0);
        // The level's share of the TTFT histogram: 10 requests, 4 s in all; buckets (0.1: 2, 0.5: 8, 1: 9, +Inf: 10).
        assertThat(s.ttftMillis().observations()).isEqualTo(10);
        assertThat(s.ttftMillis().mean()).isCloseTo(400, within(1e-9));
        assertThat(s.ttftMillis().p50()).isCloseTo(1000 * (0.1 + 0.4 * (5 - 2) / 6.0), within(1e-9));
        assertThat(s.ttftMillis().p99()).isCloseTo(1000, within(1e-9));
        assertThat(s.itlMillis()).isNull();
        assertThat(s.series().elapsedMillis()).containsExactly(1000L, 1500L, 2000L, 2500L);
        assertThat(s.series().runningRequests()).containsExactly(0.0, 16.0, 14.0, 0.0);
        assertThat(s.lastValues()).containsEntry("vllm:num_preemptions_total{engine=\"0\",model_name=\"m\"}", 5.0);
    }

    @Test
    void aCounterThatWentDownMeansARestartAndGivesNoDifference() throws Exception {
        List<ServerMetricsSummary.Scrape> scrapes = List.of(
                new ServerMetricsSummary.Scrape(LEVEL_START, reading(0,
                        vllm(0, 0, 0, 0, 0, 0, 9, 100, 1000, new int[] {5, 5, 5, 5}, 1.0))),
                new ServerMetricsSummary.Scrape(LEVEL_END, reading(10,
                        vllm(0, 0, 0, 0, 0, 0, 1, 10, 100, new int[] {1, 1, 1, 1}, 0.1))));
        ServerMetricsSummary s = ServerMetricsSummary.of("x", 1000, scrapes, 0, null);
        assertThat(s.preemptions()).isNull();
        assertThat(s.ttftMillis()).isNull();
        // No reading during the level: no gauge figures rather than the idle boundary values.
        assertThat(s.runningRequests()).isNull();
        assertThat(s.waitingRequests()).isNull();
        assertThat(s.series().runningRequests()).containsExactly(0.0, 0.0);
    }

    @Test
    void sglangsOwnHitRateAndLlamaCppsNamesAreUnderstood() throws Exception {
        ServerReading sglang = reading(5, """
                # TYPE sglang:num_running_reqs gauge
                sglang:num_running_reqs{model_name="m"} 7.0
                # TYPE sglang:num_queue_reqs gauge
                sglang:num_queue_reqs{model_name="m"} 2.0
                # TYPE sglang:token_usage gauge
                sglang:token_usage{model_name="m"} 0.25
                # TYPE sglang:cache_hit_rate gauge
                sglang:cache_hit_rate{model_name="m"} 0.4
                """);
        assertThat(sglang.engine()).contains(ServingEngine.SGLANG);
        assertThat(sglang.gauges()).isEqualTo(Map.of(ServerGauge.RUNNING_REQUESTS, 7.0,
                ServerGauge.WAITING_REQUESTS, 2.0, ServerGauge.KV_CACHE_USAGE, 0.25,
                ServerGauge.PREFIX_CACHE_HIT_RATE, 0.4));
        ServerMetricsSummary s = ServerMetricsSummary.of("x", 100, List.of(
                new ServerMetricsSummary.Scrape(DURING_LEVEL, sglang)), 0, null);
        assertThat(s.prefixCacheHitFraction()).isEqualTo(0.4);

        // llama-server's /metrics as tools/server/server-context.cpp writes it.
        ServerReading llama = reading(5, """
                # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
                # TYPE llamacpp:prompt_tokens_total counter
                llamacpp:prompt_tokens_total 1.2e+06
                # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
                # TYPE llamacpp:tokens_predicted_total counter
                llamacpp:tokens_predicted_total 640
                # HELP llamacpp:requests_processing Number of requests processing.
                # TYPE llamacpp:requests_processing gauge
                llamacpp:requests_processing 3
                # HELP llamacpp:requests_deferred Number of requests deferred.
                # TYPE llamacpp:requests_deferred gauge
                llamacpp:requests_deferred 1
                """);
        assertThat(llama.engine()).contains(ServingEngine.LLAMA_CPP);
        assertThat(llama.gauges()).isEqualTo(Map.of(ServerGauge.RUNNING_REQUESTS, 3.0,
                ServerGauge.WAITING_REQUESTS, 1.0));
        assertThat(llama.counters()).isEqualTo(Map.of(ServerCounter.PROMPT_TOKENS, 1.2e6,
                ServerCounter.GENERATION_TOKENS, 640.0));
    }

    @Test
    void olderVllmNamesAreTheFallbackAndUnknownServersAreKeptRaw() throws Exception {
        ServerReading old = reading(0, """
                # TYPE vllm:gpu_cache_usage_perc gauge
                vllm:gpu_cache_usage_perc{model_name="m"} 0.3
                # TYPE vllm:time_per_output_token_seconds histogram
                vllm:time_per_output_token_seconds_bucket{le="0.01",model_name="m"} 1.0
                vllm:time_per_output_token_seconds_bucket{le="+Inf",model_name="m"} 2.0
                vllm:time_per_output_token_seconds_sum{model_name="m"} 0.03
                vllm:time_per_output_token_seconds_count{model_name="m"} 2.0
                """);
        assertThat(old.gauges()).containsEntry(ServerGauge.KV_CACHE_USAGE, 0.3);
        assertThat(old.histograms().get(ServerHistogram.ITL).count()).isEqualTo(2);

        ServerReading other = reading(0, "# TYPE tgi_queue_size gauge\ntgi_queue_size 4\n");
        assertThat(other.engine()).isEqualTo(Optional.empty());
        assertThat(other.gauges()).isEmpty();
        assertThat(other.plainValues()).containsEntry("tgi_queue_size", 4.0);
    }
}
