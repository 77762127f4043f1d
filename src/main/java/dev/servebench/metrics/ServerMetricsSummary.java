package dev.servebench.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's own view of one level ({@code server_metrics} in summary.json; docs/summary-schema.md), from the
 * scrapes taken while it ran: one as it started (before its first request), one every interval, one as it ended
 * (after its last request). Gauges are summarised over the scrapes taken during the level, the boundary ones
 * being idle by construction; counters and histograms are the difference between the first and the last
 * successful scrape, exact when those were the boundary ones. Absent fields: the server does not report it, or
 * no scrape during the level succeeded.
 *
 * @param source                   where it was read (no credentials)
 * @param engine                   whose metric names were recognised: vllm, sglang, llama.cpp; absent when none
 * @param intervalMillis           the interval between scrapes during the level
 * @param scrapes                  successful scrapes, boundary ones included
 * @param scrapeFailures           failed ones; a failure never fails the level
 * @param firstFailure             why the first one failed
 * @param waitingRequests          the queue depth: requests waiting to be scheduled
 * @param runningRequests          requests in the running batch
 * @param kvCacheUsageFraction     fraction of the KV cache in use, 0..1
 * @param preemptions              requests preempted during the level
 * @param prefixCacheHitFraction   prompt tokens served from the prefix cache / prompt tokens looked up, during
 *                                 the level (vLLM's counters); SGLang's own hit-rate gauge averaged otherwise
 * @param prefixCacheQueriedTokens prompt tokens looked up in the prefix cache during the level
 * @param promptTokens             prompt tokens the server computed during the level
 * @param generationTokens         output tokens it generated during the level
 * @param ttftMillis               the server's time to first token over the level's requests (arrival to first
 *                                 token, so without the network and the client): compare with metrics.ttft_millis
 * @param itlMillis                the server's inter-token latency over the level
 * @param series                   every successful scrape of the level, for charts
 * @param lastValues               every counter, gauge and untyped series as the level's last scrape showed it
 *                                 (or each Prometheus query's value): what this tool does not interpret, kept raw
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerMetricsSummary(String source, String engine, long intervalMillis, int scrapes, int scrapeFailures,
                                   String firstFailure, GaugeStats waitingRequests, GaugeStats runningRequests,
                                   GaugeStats kvCacheUsageFraction, Double preemptions, Double prefixCacheHitFraction,
                                   Double prefixCacheQueriedTokens, Double promptTokens, Double generationTokens,
                                   LatencyEstimate ttftMillis, LatencyEstimate itlMillis, Series series,
                                   Map<String, Double> lastValues) {

    /**
     * A gauge over the scrapes taken while the level ran.
     *
     * @param scrapes how many it is summarised from
     */
    public record GaugeStats(double mean, double max, int scrapes) {
        static Optional<GaugeStats> of(List<Double> values) {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                max = Math.max(max, v);
            }
            return Optional.of(new GaugeStats(sum / values.size(), max, values.size()));
        }
    }

    /**
     * A latency from the server's histogram, the level's share of it: the mean exact (sum / count), the
     * percentiles estimated from the buckets as Prometheus' histogram_quantile does, so only as fine as the
     * buckets are.
     *
     * @param observations what the histogram counted during the level (requests for TTFT, token gaps for ITL)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LatencyEstimate(double observations, Double mean, Double p50, Double p90, Double p99) {
        static Optional<LatencyEstimate> of(BucketCounts delta) {
            if (delta.count() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new LatencyEstimate(delta.count(), millis(delta.mean()), millis(delta.quantile(0.5)),
                    millis(delta.quantile(0.9)), millis(delta.quantile(0.99))));
        }

        private static Double millis(double seconds) {
            return Double.isFinite(seconds) ? seconds * 1000 : null;
        }
    }

    /**
     * Each successful scrape of the level in time order: when (milliseconds from the run's start) and what the
     * gauges were; null where a scrape lacked the gauge.
     */
    public record Series(List<Long> elapsedMillis, List<Double> waitingRequests, List<Double> runningRequests,
                         List<Double> kvCacheUsageFraction) {
        public Series {
            elapsedMillis = List.copyOf(elapsedMillis);
            waitingRequests = java.util.Collections.unmodifiableList(new ArrayList<>(waitingRequests));
            runningRequests = java.util.Collections.unmodifiableList(new ArrayList<>(runningRequests));
            kvCacheUsageFraction = java.util.Collections.unmodifiableList(new ArrayList<>(kvCacheUsageFraction));
        }
    }

    /** When a reading was taken, relative to the level's requests. */
    public enum Moment {
        /** Before the level's first request. */
        LEVEL_START,
        /** While its requests ran. */
        DURING_LEVEL,
        /** After its last request ended. */
        LEVEL_END
    }

    /** One successful reading and when it was taken. */
    public record Scrape(Moment moment, ServerReading reading) {
    }

    /** Summarises a level's readings (in time order), failures counted apart. */
    public static ServerMetricsSummary of(String source, long intervalMillis, List<Scrape> scrapes, int failures,
                                          String firstFailure) {
        List<ServerReading> all = scrapes.stream().map(Scrape::reading).toList();
        List<ServerReading> during = scrapes.stream().filter(s -> s.moment() == Moment.DURING_LEVEL)
                .map(Scrape::reading).toList();
        String engine = all.stream().flatMap(r -> r.engine().stream()).map(ServingEngine::label).findFirst().orElse(null);
        Optional<ServerReading> first = all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
        Optional<ServerReading> last = all.size() < 2 ? Optional.empty() : Optional.of(all.getLast());

        Double hits = delta(first, last, ServerCounter.PREFIX_CACHE_HITS);
        Double queries = delta(first, last, ServerCounter.PREFIX_CACHE_QUERIES);
        Double hitFraction = gauge(during, ServerGauge.PREFIX_CACHE_HIT_RATE).map(GaugeStats::mean).orElse(null);
        if (hits != null && queries != null && queries > 0) {
            hitFraction = hits / queries;
        }

        return new ServerMetricsSummary(source, engine, intervalMillis, scrapes.size(), failures, firstFailure,
                gauge(during, ServerGauge.WAITING_REQUESTS).orElse(null),
                gauge(during, ServerGauge.RUNNING_REQUESTS).orElse(null),
                gauge(during, ServerGauge.KV_CACHE_USAGE).orElse(null),
                delta(first, last, ServerCounter.PREEMPTIONS), hitFraction, queries,
                delta(first, last, ServerCounter.PROMPT_TOKENS), delta(first, last, ServerCounter.GENERATION_TOKENS),
                latency(first, last, ServerHistogram.TTFT).orElse(null),
                latency(first, last, ServerHistogram.ITL).orElse(null),
                new Series(all.stream().map(ServerReading::elapsedMillis).toList(),
                        column(all, ServerGauge.WAITING_REQUESTS), column(all, ServerGauge.RUNNING_REQUESTS),
                        column(all, ServerGauge.KV_CACHE_USAGE)),
                all.isEmpty() ? null : all.getLast().plainValues());
    }

    private static Optional<GaugeStats> gauge(List<ServerReading> readings, ServerGauge g) {
        return GaugeStats.of(readings.stream().map(r -> r.gauges().get(g))
                .filter(v -> v != null && Double.isFinite(v)).toList());
    }

    private static List<Double> column(List<ServerReading> readings, ServerGauge g) {
        List<Double> out = new ArrayList<>(readings.size());
        readings.forEach(r -> out.add(r.gauges().get(g)));
        return out;
    }

    /**
     * last − first; null without both readings, or when it went down (the server restarted: the difference means
     * nothing). A counter the first reading lacked but the last has started during the level, from 0: a
     * labelled series appears with its first increment (SGLang's, for one).
     */
    private static Double delta(Optional<ServerReading> first, Optional<ServerReading> last, ServerCounter c) {
        if (first.isEmpty() || last.isEmpty()) {
            return null;
        }
        Double b = last.get().counters().get(c);
        double a = first.get().counters().getOrDefault(c, 0.0);
        return b == null || b < a ? null : b - a;
    }

    private static Optional<LatencyEstimate> latency(Optional<ServerReading> first, Optional<ServerReading> last,
                                                     ServerHistogram h) {
        if (first.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        BucketCounts b = last.get().histograms().get(h);
        if (b == null) {
            return Optional.empty();
        }
        // Absent from the first reading: the histogram's series appeared with its first observation, in the level.
        BucketCounts a = first.get().histograms().get(h);
        return (a == null ? Optional.of(b) : b.since(a)).flatMap(LatencyEstimate::of);
    }
}
