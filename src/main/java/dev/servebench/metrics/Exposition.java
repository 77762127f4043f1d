package dev.servebench.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One parsed scrape: its metric families in the order they appeared. */
public record Exposition(List<MetricFamily> families) {
    public Exposition {
        families = List.copyOf(families);
    }

    public Optional<MetricFamily> family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The value of every counter, gauge and untyped series by {@link Sample#seriesKey()}, in order: what is
     * kept of metrics this tool does not interpret. Histograms and summaries are left out (their buckets
     * would swamp it); their meaning is read through {@link #family}.
     */
    public Map<String, Double> plainValues() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (MetricFamily f : families) {
            f.plainSamples().forEach(s -> out.put(s.seriesKey(), s.value()));
        }
        return out;
    }
}
