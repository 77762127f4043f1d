package dev.servebench.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scrape (or one round of Prometheus queries) said, in this tool's terms.
 *
 * @param elapsedMillis when it was taken, from the run's start
 * @param engine        whose names the scrape used; empty when none was recognised (or for Prometheus queries)
 * @param plainValues   every counter, gauge and untyped series as scraped ({@link Exposition#plainValues()}), or
 *                      each Prometheus query's value: what is kept of what this tool does not interpret
 */
public record ServerReading(long elapsedMillis, Optional<ServingEngine> engine, Map<ServerGauge, Double> gauges,
                            Map<ServerCounter, Double> counters, Map<ServerHistogram, BucketCounts> histograms,
                            Map<String, Double> plainValues) {
    public ServerReading {
        gauges = gauges.isEmpty() ? Map.of() : new EnumMap<>(gauges);
        counters = counters.isEmpty() ? Map.of() : new EnumMap<>(counters);
        histograms = histograms.isEmpty() ? Map.of() : new EnumMap<>(histograms);
        plainValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plainValues));
    }

    /** Reads an exposition with the names of the first {@link ServingEngine} it uses. */
    public static ServerReading of(Exposition exposition, long elapsedMillis) {
        Map<String, List<Double>> bySample = new HashMap<>();
        for (MetricFamily f : exposition.families()) {
            f.plainSamples().stream().filter(s -> !prefillPoolsOutput(s))
                    .forEach(s -> bySample.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.value()));
        }
        Optional<ServingEngine> engine = java.util.Arrays.stream(ServingEngine.values())
                .filter(e -> exposition.families().stream().anyMatch(f -> f.name().startsWith(e.prefix())))
                .findFirst();
        Map<ServerGauge, Double> gauges = new EnumMap<>(ServerGauge.class);
        Map<ServerCounter, Double> counters = new EnumMap<>(ServerCounter.class);
        Map<ServerHistogram, BucketCounts> histograms = new EnumMap<>(ServerHistogram.class);
        engine.ifPresent(e -> {
            for (ServerGauge g : ServerGauge.values()) {
                first(bySample, e.names(g)).ifPresent(values -> gauges.put(g, combine(values, g.averaged())));
            }
            for (ServerCounter c : ServerCounter.values()) {
                first(bySample, e.names(c)).ifPresent(values -> counters.put(c, combine(values, false)));
            }
            for (ServerHistogram h : ServerHistogram.values()) {
                e.names(h).stream()
                        .flatMap(name -> exposition.family(name).stream())
                        .filter(f -> f instanceof MetricFamily.HistogramFamily hf && !hf.series().isEmpty())
                        .findFirst()
                        .ifPresent(f -> histograms.put(h, BucketCounts.sum(((MetricFamily.HistogramFamily) f)
                                .series().stream().map(HistogramSeries::counts).toList())));
            }
        });
        return new ServerReading(elapsedMillis, engine, gauges, counters, histograms, exposition.plainValues());
    }

    /**
     * A disaggregated cluster's prefill pool generates one token per request that its decode pool generates again
     * and streams: counted once, as the decode pool's. Series say their pool with a {@code role} label (the
     * simulator's cluster does).
     */
    private static boolean prefillPoolsOutput(Sample s) {
        return "prefill".equals(s.labels().get("role")) && Arrays.stream(ServingEngine.values())
                .anyMatch(e -> e.names(ServerCounter.GENERATION_TOKENS).contains(s.name()));
    }

    private static Optional<List<Double>> first(Map<String, List<Double>> bySample, List<String> names) {
        return names.stream().map(bySample::get).filter(v -> v != null && !v.isEmpty()).findFirst();
    }

    /** Series of one metric: added up (requests, tokens) or averaged (fractions). */
    static double combine(List<Double> values, boolean average) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return average ? sum / values.size() : sum;
    }
}
