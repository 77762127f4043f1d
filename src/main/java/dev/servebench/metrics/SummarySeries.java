package dev.servebench.metrics;

import java.util.List;
import java.util.SortedMap;

/**
 * One labelled series of a summary family: its quantiles ({@code {quantile="0.5"}}, in increasing order),
 * {@code _sum} and {@code _count}. A summary may have no quantiles at all.
 *
 * @param labels the series' labels, {@code quantile} left out
 */
public record SummarySeries(SortedMap<String, String> labels, List<Quantile> quantiles, double sum, double count) {
    public SummarySeries {
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        quantiles = List.copyOf(quantiles);
    }

    /** The {@code quantile} (0..1) of the observations was {@code value}. */
    public record Quantile(double quantile, double value) {
    }
}
