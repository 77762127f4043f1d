package dev.servebench.metrics;

import java.util.List;
import java.util.SortedMap;

/**
 * One labelled series of a histogram family: its cumulative buckets ({@code _bucket{le="…"}}, in increasing
 * order of {@code le}, the last one {@code +Inf}), {@code _sum} and {@code _count}.
 *
 * @param labels the series' labels, {@code le} left out
 */
public record HistogramSeries(SortedMap<String, String> labels, List<Bucket> buckets, double sum, double count) {
    public HistogramSeries {
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        buckets = List.copyOf(buckets);
    }

    /** Observations at or below {@code upperBound} (cumulative, as exposed). */
    public record Bucket(double upperBound, double cumulativeCount) {
    }

    public BucketCounts counts() {
        return new BucketCounts(buckets, sum, count);
    }
}
