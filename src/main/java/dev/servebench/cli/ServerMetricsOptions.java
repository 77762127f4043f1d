package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.client.EndpointConfig;
import dev.servebench.metrics.MetricsSource;
import dev.servebench.metrics.PrometheusQueries;
import dev.servebench.metrics.ScrapedEndpoint;
import dev.servebench.metrics.ServerMetricsRecorder;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where {@code bench} reads the server's own view from while each level runs, and how often. */
final class ServerMetricsOptions implements dev.servebench.run.ServerMetricsSetup {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** A scrape of a busy server can take a while: at least this long before it counts as failed. */
    static final Duration MIN_SCRAPE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    @Option(names = "--server-metrics", arity = "0..1", fallbackValue = "/metrics", paramLabel = "URL|PATH",
            description = {"Also read the server's own Prometheus metrics while each level runs: queue depth "
                    + "(waiting), running requests, KV-cache usage, preemptions, prefix-cache hit rate, the server's "
                    + "TTFT and inter-token latency. They go into each level's server_metrics in summary.json, the "
                    + "report's \"Server view\" section and the tables. Without a value: the target's /metrics "
                    + "(vLLM serves it always, llama.cpp with --metrics, SGLang with --enable-metrics; the built-in "
                    + "target too). A path (/prefix/metrics) reads another path on the target, a URL "
                    + "(http://host:port/metrics) another endpoint; the API key goes only to the target's own host "
                    + "and port. A failed scrape never fails a level: it is counted, and said once."})
    String serverMetrics;

    @Option(names = "--metrics-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"Time between readings during a level (default 1s). Each level is also read as it starts "
                    + "and as it ends, so counter differences (preemptions, tokens, the server's TTFT histogram) "
                    + "are exact whatever the interval; queue, running and KV figures come from the readings during "
                    + "the level, so keep the interval well below a level's duration."})
    Duration interval;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = {"Read the metrics from a Prometheus server's HTTP API instead (an instant query per "
                    + "figure at every interval): for a cluster whose pods each have their own /metrics. Default "
                    + "queries: vLLM's, summed over pods, e.g. waiting=sum(vllm:num_requests_waiting). Prometheus "
                    + "only knows what it scraped, so levels should last several of its scrape intervals."})
    URI prometheus;

    @Option(names = "--prometheus-query", paramLabel = "NAME=PROMQL",
            description = {"A query to run instead of the defaults (repeatable). NAME gives it its meaning: "
                    + "waiting, running, kv_cache_usage (0..1), prefix_cache_hit_rate (gauges, one series each); "
                    + "preemptions, prefix_cache_hits, prefix_cache_queries, prompt_tokens, generation_tokens "
                    + "(counters); ttft_bucket (keep le: sum by (le) (..._bucket)), ttft_sum, ttft_count, and the "
                    + "same for itl. Any other name is kept raw."})
    List<String> queries = new ArrayList<>();

    boolean enabled() {
        return serverMetrics != null || prometheus != null;
    }

    /** Refuses contradictory or dangling flags; before anything starts. */
    void check() {
        if (serverMetrics != null && prometheus != null) {
            throw new BadInputException("give either --server-metrics or --prometheus, not both");
        }
        if (!queries.isEmpty() && prometheus == null) {
            throw new BadInputException("--prometheus-query needs --prometheus URL");
        }
        if (interval != null && !enabled()) {
            throw new BadInputException("--metrics-interval needs --server-metrics or --prometheus");
        }
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            throw new BadInputException("--metrics-interval must be at least 10ms, got " + interval.toMillis()
                    + "ms");
        }
        queries.forEach(PrometheusQueries.Query::parse);
        if (serverMetrics != null && !serverMetrics.startsWith("/")) {
            url(serverMetrics);
        }
    }

    /** The recorder the run reads the server with, or empty when not asked; {@code warnings} gets its few lines. */
    @Override
    public Optional<ServerMetricsRecorder> recorder(EndpointConfig target, Consumer<String> warnings) {
        if (!enabled()) {
            return Optional.empty();
        }
        Duration every = interval == null ? DEFAULT_INTERVAL : interval;
        Duration timeout = every.compareTo(MIN_SCRAPE_TIMEOUT) > 0 ? every : MIN_SCRAPE_TIMEOUT;
        MetricsSource source = source(target, timeout);
        return Optional.of(new ServerMetricsRecorder(source, every, warnings));
    }

    /**
     * Reads the server's cache counters as each level starts and ends, asked for or not: from where
     * {@code --server-metrics} or {@code --prometheus} points, else the target's /metrics.
     */
    @Override
    public PromptCacheProbe promptCacheProbe(EndpointConfig target, Consumer<String> say) {
        return enabled() ? new PromptCacheProbe(source(target, MIN_SCRAPE_TIMEOUT), say)
                : PromptCacheProbe.onTarget(target, say);
    }

    /** Where the flags point: a Prometheus server, a URL, or a path on the target. Only when {@link #enabled()}. */
    private MetricsSource source(EndpointConfig target, Duration timeout) {
        if (prometheus != null) {
            return new PrometheusQueries(prometheus, queries.stream().map(PrometheusQueries.Query::parse).toList(),
                    target.connectTimeout(), timeout, target.insecureTls());
        }
        return serverMetrics.startsWith("/") ? ScrapedEndpoint.ofTarget(target, serverMetrics, timeout)
                : ScrapedEndpoint.ofUrl(url(serverMetrics), target, timeout);
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(text, "not absolute");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInputException("--server-metrics takes a path on the target (/metrics) or a URL "
                    + "(http://host:port/metrics), got '" + dev.servebench.client.SafeUrl.redact(text) + "'");
        }
    }
}
