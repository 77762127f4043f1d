package dev.servebench.metrics;

import dev.servebench.client.ApiKey;
import dev.servebench.client.EndpointConfig;
import dev.servebench.server.HttpExchange;
import dev.servebench.server.StreamingHttpServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two sources against real HTTP handlers: a /metrics endpoint, and Prometheus' query API. */
class MetricsSourcesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String LLAMA_CPP = """
            # HELP llamacpp:requests_processing Number of requests processing.
            # TYPE llamacpp:requests_processing gauge
            llamacpp:requests_processing 2
            """;

    /** Serves {@code body} on /metrics and notes the Authorization header of every request ("-" for none). */
    private static StreamingHttpServer metricsServer(String body, List<String> authorizations) throws Exception {
        return StreamingHttpServer.startLoopback(ex -> {
            String auth = ex.header("Authorization");
            authorizations.add(auth == null ? "-" : auth);
            if (ex.path().equals("/metrics")) {
                ex.respondText(200, "text/plain; version=0.0.4", body);
            } else {
                ex.respondText(404, "text/plain", "not found");
            }
        });
    }

    @Test
    void theApiKeyGoesToTheTargetsOwnMetricsButNeverToAnotherServer() throws Exception {
        List<String> targetAuth = new CopyOnWriteArrayList<>();
        List<String> otherAuth = new CopyOnWriteArrayList<>();
        try (StreamingHttpServer target = metricsServer(LLAMA_CPP, targetAuth);
             StreamingHttpServer other = metricsServer(LLAMA_CPP, otherAuth)) {
            EndpointConfig endpoint = EndpointConfig.of(target.baseUri(), "m").withApiKey(ApiKey.of("sk-secret-key"));
            try (ScrapedEndpoint own = ScrapedEndpoint.ofTarget(endpoint, "/metrics", TIMEOUT);
                 ScrapedEndpoint sameOrigin = ScrapedEndpoint.ofUrl(URI.create(target.baseUri() + "/metrics"),
                         endpoint, TIMEOUT);
                 ScrapedEndpoint elsewhere = ScrapedEndpoint.ofUrl(URI.create(other.baseUri() + "/metrics"),
                         endpoint, TIMEOUT)) {
                assertThat(own.read(0).gauges()).containsEntry(ServerGauge.RUNNING_REQUESTS, 2.0);
                assertThat(sameOrigin.read(0).engine()).contains(ServingEngine.LLAMA_CPP);
                assertThat(elsewhere.read(0).engine()).contains(ServingEngine.LLAMA_CPP);
                assertThat(own.display()).isEqualTo(target.baseUri() + "/metrics");
            }
            assertThat(targetAuth).containsExactly("Bearer sk-secret-key", "Bearer sk-secret-key");
            assertThat(otherAuth).containsExactly("-");
        }
    }

    @Test
    void credentialsInTheUrlAreSentButNeverShown() throws Exception {
        List<String> auth = new CopyOnWriteArrayList<>();
        try (StreamingHttpServer server = metricsServer(LLAMA_CPP, auth)) {
            URI url = URI.create("http://scraper:pa55word@127.0.0.1:" + server.baseUri().getPort() + "/metrics");
            try (ScrapedEndpoint e = ScrapedEndpoint.ofUrl(url, EndpointConfig.of(server.baseUri(), "m"), TIMEOUT)) {
                e.read(0);
                assertThat(e.display()).isEqualTo("http://***@127.0.0.1:" + server.baseUri().getPort() + "/metrics");
            }
            assertThat(auth).containsExactly("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("scraper:pa55word".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void httpErrorsAndBodiesThatAreNotTheFormatAreUnavailableWithWhy() throws Exception {
        List<String> auth = new CopyOnWriteArrayList<>();
        try (StreamingHttpServer server = metricsServer("<html>not metrics</html>\n", auth)) {
            EndpointConfig endpoint = EndpointConfig.of(server.baseUri(), "m");
            try (ScrapedEndpoint missing = ScrapedEndpoint.ofTarget(endpoint, "/nothing-here", TIMEOUT);
                 ScrapedEndpoint html = ScrapedEndpoint.ofTarget(endpoint, "/metrics", TIMEOUT)) {
                assertThatThrownBy(() -> missing.read(0)).isInstanceOf(MetricsUnavailableException.class)
                        .hasMessageStartingWith("HTTP 404 (is it enabled? llama.cpp serves /metrics only with "
                                + "--metrics");
                assertThatThrownBy(() -> html.read(0)).isInstanceOf(MetricsUnavailableException.class)
                        .hasMessage("not Prometheus text format 0.0.4: line 1: a sample line must start with a "
                                + "metric name");
            }
        }
    }

    /**
     * A Prometheus server's /api/v1/query, answering as its HTTP API documentation shows: an instant vector of
     * {metric, value: [time, "string"]}, or an error object. The preemption counter grows by one per query.
     */
    private static void prometheusApi(HttpExchange ex, AtomicInteger preemptionQueries, List<String> asked) {
        String query = ex.queryParameter("query");
        asked.add(query);
        if (!ex.path().equals("/api/v1/query") || query == null) {
            ex.respondJson(404, "{}");
            return;
        }
        String result = switch (query) {
            case "sum(vllm:num_requests_waiting)" -> vector("{}", "3");
            case "sum(vllm:num_requests_running)" -> vector("{}", "12");
            case "avg(vllm:kv_cache_usage_perc)" -> vector("{}", "0.625");
            case "sum(vllm:num_preemptions_total)" -> vector("{}", String.valueOf(preemptionQueries.incrementAndGet()));
            case "sum by (le) (vllm:time_to_first_token_seconds_bucket)" -> "["
                    + element("{\"le\":\"0.1\"}", "4") + "," + element("{\"le\":\"1.0\"}", "9") + ","
                    + element("{\"le\":\"+Inf\"}", "10") + "]";
            case "sum(vllm:time_to_first_token_seconds_sum)" -> vector("{}", "2.5");
            case "sum(vllm:time_to_first_token_seconds_count)" -> vector("{}", "10");
            case "vllm:num_requests_running" -> "[" + element("{\"__name__\":\"vllm:num_requests_running\","
                    + "\"pod\":\"a\"}", "5") + "," + element("{\"__name__\":\"vllm:num_requests_running\","
                    + "\"pod\":\"b\"}", "7") + "]";
            case "up" -> vector("{\"__name__\":\"up\",\"job\":\"vllm\"}", "1");
            default -> null;
        };
        if (result == null) {
            ex.respondJson(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter "
                    + "\\\"query\\\": 1:1: parse error: unexpected character\"}");
        } else {
            ex.respondJson(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result
                    + "}}");
        }
    }

    private static String vector(String metric, String value) {
        return "[" + element(metric, value) + "]";
    }

    private static String element(String metric, String value) {
        return "{\"metric\":" + metric + ",\"value\":[1435781451.781,\"" + value + "\"]}";
    }

    @Test
    void prometheusQueriesAreNamedByWhatTheyMeanAndOtherNamesAreKeptRaw() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        AtomicInteger preemptions = new AtomicInteger();
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(ex -> prometheusApi(ex, preemptions,
                asked))) {
            List<PrometheusQueries.Query> queries = new ArrayList<>(List.of(
                    PrometheusQueries.Query.parse("waiting=sum(vllm:num_requests_waiting)"),
                    PrometheusQueries.Query.parse("running = sum(vllm:num_requests_running)"),
                    PrometheusQueries.Query.parse("kv_cache_usage=avg(vllm:kv_cache_usage_perc)"),
                    PrometheusQueries.Query.parse("ttft_bucket=sum by (le) (vllm:time_to_first_token_seconds_bucket)"),
                    PrometheusQueries.Query.parse("ttft_sum=sum(vllm:time_to_first_token_seconds_sum)"),
                    PrometheusQueries.Query.parse("ttft_count=sum(vllm:time_to_first_token_seconds_count)"),
                    PrometheusQueries.Query.parse("targets_up=up")));
            try (PrometheusQueries source = new PrometheusQueries(server.baseUri(), queries, TIMEOUT, TIMEOUT,
                    false)) {
                ServerReading r = source.read(42);
                assertThat(r.elapsedMillis()).isEqualTo(42);
                assertThat(r.gauges()).isEqualTo(Map.of(ServerGauge.WAITING_REQUESTS, 3.0,
                        ServerGauge.RUNNING_REQUESTS, 12.0, ServerGauge.KV_CACHE_USAGE, 0.625));
                BucketCounts ttft = r.histograms().get(ServerHistogram.TTFT);
                assertThat(ttft.buckets()).extracting(HistogramSeries.Bucket::upperBound)
                        .containsExactly(0.1, 1.0, Double.POSITIVE_INFINITY);
                assertThat(ttft.count()).isEqualTo(10);
                assertThat(ttft.mean()).isEqualTo(0.25);
                assertThat(r.plainValues()).containsEntry("targets_up{job=\"vllm\"}", 1.0)
                        .containsEntry("waiting", 3.0);
                assertThat(source.display()).isEqualTo("Prometheus " + server.baseUri());
            }
            assertThat(asked).contains("sum by (le) (vllm:time_to_first_token_seconds_bucket)");
        }
    }

    @Test
    void prometheusErrorsAndUnaggregatedSeriesAreUnavailableWithWhy() throws Exception {
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(ex -> prometheusApi(ex,
                new AtomicInteger(), new CopyOnWriteArrayList<>()))) {
            try (PrometheusQueries bad = new PrometheusQueries(server.baseUri(),
                    List.of(PrometheusQueries.Query.parse("waiting=sum(")), TIMEOUT, TIMEOUT, false);
                 PrometheusQueries perPod = new PrometheusQueries(server.baseUri(),
                         List.of(PrometheusQueries.Query.parse("running=vllm:num_requests_running")), TIMEOUT,
                         TIMEOUT, false)) {
                assertThatThrownBy(() -> bad.read(0)).isInstanceOf(MetricsUnavailableException.class)
                        .hasMessage("query waiting: HTTP 400, bad_data: invalid parameter \"query\": 1:1: parse "
                                + "error: unexpected character");
                assertThatThrownBy(() -> perPod.read(0)).isInstanceOf(MetricsUnavailableException.class)
                        .hasMessage("query running returned 2 series; aggregate it to one, e.g. sum(...) or avg(...)");
            }
        }
    }

    @Test
    void theRecorderReadsAsALevelStartsAndEndsWhateverTheIntervalAndCountersGiveExactDifferences()
            throws Exception {
        AtomicInteger preemptions = new AtomicInteger();
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (StreamingHttpServer server = StreamingHttpServer.startLoopback(ex -> prometheusApi(ex, preemptions,
                new CopyOnWriteArrayList<>()));
             ServerMetricsRecorder recorder = new ServerMetricsRecorder(new PrometheusQueries(server.baseUri(),
                     PrometheusQueries.VLLM_DEFAULTS.stream().filter(q -> !q.name().startsWith("prefix")
                             && !q.name().endsWith("tokens")).toList(), TIMEOUT, TIMEOUT, false),
                     Duration.ofHours(1), warnings::add)) {
            ServerMetricsSummary level = recorder.startLevel(System.nanoTime()).finish();
            assertThat(level.scrapes()).isEqualTo(2);
            assertThat(level.scrapeFailures()).isZero();
            assertThat(level.preemptions()).isEqualTo(1.0);
            assertThat(level.source()).startsWith("Prometheus http://127.0.0.1:");
            assertThat(level.engine()).isNull();
            // No reading during the level (an hour's interval): no gauge figures, but the series has both ends.
            assertThat(level.runningRequests()).isNull();
            assertThat(level.series().runningRequests()).containsExactly(12.0, 12.0);
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void aFailingSourceIsCountedPerLevelAndSaidOncePerRun() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<String> warnings = new CopyOnWriteArrayList<>();
        EndpointConfig nowhere = EndpointConfig.of(URI.create("http://127.0.0.1:" + closed), "m");
        try (ServerMetricsRecorder recorder = new ServerMetricsRecorder(ScrapedEndpoint.ofTarget(nowhere, "/metrics",
                TIMEOUT), Duration.ofHours(1), warnings::add)) {
            ServerMetricsSummary first = recorder.startLevel(System.nanoTime()).finish();
            ServerMetricsSummary second = recorder.startLevel(System.nanoTime()).finish();
            assertThat(first.scrapeFailures()).isEqualTo(2);
            assertThat(second.scrapeFailures()).isEqualTo(2);
            assertThat(first.scrapes()).isZero();
            assertThat(first.firstFailure()).contains("cannot reach http://127.0.0.1:" + closed + "/metrics");
            assertThat(warnings).hasSize(1);
            assertThat(warnings.getFirst()).startsWith("server metrics: cannot read http://127.0.0.1:" + closed
                    + "/metrics: ");
        }
    }
}
