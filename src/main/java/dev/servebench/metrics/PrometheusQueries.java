package dev.servebench.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.BadInputException;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.SafeUrl;
import dev.servebench.client.ServerCallException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Prometheus server's HTTP API ({@code GET /api/v1/query}, an instant query per name at every reading) instead
 * of one endpoint: for a cluster, where every pod has its own /metrics and Prometheus adds them up. Each query
 * is named: the names of {@link ServerGauge}, {@link ServerCounter} and {@link ServerHistogram} (its parts as
 * KEY_bucket, KEY_sum, KEY_count) give it its meaning; any other name is kept raw.
 *
 * <p>Prometheus only knows what it has scraped, every 15 to 60 s as usually set up: a level shorter than that
 * sees stale values, and counter differences of what Prometheus scraped between the level's start and end.
 */
public final class PrometheusQueries implements MetricsSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One named PromQL expression. */
    public record Query(String name, String promql) {
        /** {@code NAME=PROMQL}, as {@code --prometheus-query} takes it. */
        public static Query parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new BadInputException("--prometheus-query takes NAME=PROMQL, e.g. waiting=sum(vllm:num_requests_"
                        + "waiting), got '" + text + "'");
            }
            return new Query(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
        }
    }

    /**
     * vLLM's metrics summed over every pod Prometheus scrapes (fractions averaged), by the names of
     * vllm/v1/metrics/loggers.py; the buckets summed by {@code le} as {@code histogram_quantile} wants them.
     */
    public static final List<Query> VLLM_DEFAULTS = List.of(
            new Query("waiting", "sum(vllm:num_requests_waiting)"),
            new Query("running", "sum(vllm:num_requests_running)"),
            new Query("kv_cache_usage", "avg(vllm:kv_cache_usage_perc)"),
            new Query("preemptions", "sum(vllm:num_preemptions_total)"),
            new Query("prefix_cache_hits", "sum(vllm:prefix_cache_hits_total)"),
            new Query("prefix_cache_queries", "sum(vllm:prefix_cache_queries_total)"),
            new Query("prompt_tokens", "sum(vllm:prompt_tokens_total)"),
            new Query("generation_tokens", "sum(vllm:generation_tokens_total)"),
            new Query("ttft_bucket", "sum by (le) (vllm:time_to_first_token_seconds_bucket)"),
            new Query("ttft_sum", "sum(vllm:time_to_first_token_seconds_sum)"),
            new Query("ttft_count", "sum(vllm:time_to_first_token_seconds_count)"));

    private final OpenAiClient client;
    private final List<Query> queries;
    private final String display;

    /**
     * @param url     the Prometheus server, e.g. http://prometheus:9090 (credentials in it are sent, never shown)
     * @param queries what to ask it; {@link #VLLM_DEFAULTS} when empty
     */
    public PrometheusQueries(URI url, List<Query> queries, Duration connectTimeout, Duration timeout,
                             boolean insecureTls) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new BadInputException("--prometheus must be an http:// or https:// URL, got '"
                    + SafeUrl.redact(url.toString()) + "'");
        }
        this.queries = queries.isEmpty() ? VLLM_DEFAULTS : List.copyOf(queries);
        this.client = new OpenAiClient(EndpointConfig.of(url, "-").withTimeouts(connectTimeout, timeout)
                .withInsecureTls(insecureTls));
        this.display = "Prometheus " + SafeUrl.redact(url.toString());
    }

    public List<Query> queries() {
        return queries;
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public ServerReading read(long elapsedMillis) throws MetricsUnavailableException {
        Map<ServerGauge, Double> gauges = new EnumMap<>(ServerGauge.class);
        Map<ServerCounter, Double> counters = new EnumMap<>(ServerCounter.class);
        Map<String, Double> raw = new LinkedHashMap<>();
        Map<ServerHistogram, TreeMap<Double, Double>> buckets = new EnumMap<>(ServerHistogram.class);
        Map<String, Double> histogramParts = new LinkedHashMap<>();
        for (Query q : queries) {
            List<Result> results = query(q);
            for (Result r : results) {
                raw.put(r.labels.isEmpty() ? q.name : Sample.seriesKey(q.name, r.labels), r.value);
            }
            Optional<ServerGauge> gauge = java.util.Arrays.stream(ServerGauge.values())
                    .filter(g -> g.key().equals(q.name)).findFirst();
            Optional<ServerCounter> counter = java.util.Arrays.stream(ServerCounter.values())
                    .filter(c -> c.key().equals(q.name)).findFirst();
            Optional<ServerHistogram> histogram = java.util.Arrays.stream(ServerHistogram.values())
                    .filter(h -> q.name.equals(h.key() + "_bucket")).findFirst();
            if (gauge.isPresent() || counter.isPresent()) {
                if (results.size() > 1) {
                    throw new MetricsUnavailableException("query " + q.name + " returned " + results.size()
                            + " series; aggregate it to one, e.g. sum(...) or avg(...)");
                }
                if (!results.isEmpty()) {
                    gauge.ifPresent(g -> gauges.put(g, results.getFirst().value));
                    counter.ifPresent(c -> counters.put(c, results.getFirst().value));
                }
            } else if (histogram.isPresent()) {
                TreeMap<Double, Double> byLe = new TreeMap<>();
                for (Result r : results) {
                    String le = r.labels.get("le");
                    if (le == null) {
                        throw new MetricsUnavailableException("query " + q.name + " must keep the le label: "
                                + "sum by (le) (..._bucket)");
                    }
                    byLe.merge(PrometheusTextParser.parseValue(le), r.value, Double::sum);
                }
                if (!byLe.isEmpty()) {
                    buckets.put(histogram.get(), byLe);
                }
            } else if (results.size() == 1) {
                histogramParts.put(q.name, results.getFirst().value);
            }
        }
        Map<ServerHistogram, BucketCounts> histograms = new EnumMap<>(ServerHistogram.class);
        buckets.forEach((h, byLe) -> {
            Double sum = histogramParts.get(h.key() + "_sum");
            Double count = histogramParts.get(h.key() + "_count");
            if (sum != null && count != null && byLe.lastKey() == Double.POSITIVE_INFINITY) {
                List<HistogramSeries.Bucket> list = new ArrayList<>();
                byLe.forEach((le, c) -> list.add(new HistogramSeries.Bucket(le, c)));
                histograms.put(h, new BucketCounts(list, sum, count));
            }
        });
        return new ServerReading(elapsedMillis, Optional.empty(), gauges, counters, histograms, raw);
    }

    private record Result(Map<String, String> labels, double value) {
    }

    /** One instant query: its vector's samples (a scalar is one sample without labels). */
    private List<Result> query(Query q) throws MetricsUnavailableException {
        OpenAiClient.JsonAnswer answer;
        try {
            answer = client.getText("/api/v1/query?query=" + URLEncoder.encode(q.promql, StandardCharsets.UTF_8),
                    "application/json");
        } catch (ServerCallException e) {
            throw new MetricsUnavailableException(e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new MetricsUnavailableException("query " + q.name + ": HTTP " + answer.status()
                    + ", not the JSON of Prometheus' API");
        }
        if (answer.status() != 200 || !"success".equals(root.path("status").asText())) {
            throw new MetricsUnavailableException("query " + q.name + ": HTTP " + answer.status() + ", "
                    + root.path("errorType").asText("error") + ": " + root.path("error").asText("(no message)"));
        }
        JsonNode data = root.path("data");
        List<Result> out = new ArrayList<>();
        try {
            switch (data.path("resultType").asText()) {
                case "vector" -> {
                    for (JsonNode r : data.path("result")) {
                        Map<String, String> labels = new TreeMap<>();
                        r.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                        labels.remove("__name__");
                        out.add(new Result(labels, PrometheusTextParser.parseValue(r.path("value").path(1).asText())));
                    }
                }
                case "scalar" -> out.add(new Result(Map.of(),
                        PrometheusTextParser.parseValue(data.path("result").path(1).asText())));
                default -> throw new MetricsUnavailableException("query " + q.name + " gave a "
                        + data.path("resultType").asText("?") + "; an instant vector or scalar is needed");
            }
        } catch (NumberFormatException e) {
            throw new MetricsUnavailableException("query " + q.name + ": " + e.getMessage());
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
