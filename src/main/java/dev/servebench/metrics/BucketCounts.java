package dev.servebench.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A histogram's cumulative buckets with its sum and count: one series as scraped, several summed by
 * {@code le} (PromQL's {@code sum by (le)}), or the difference of two scrapes (what a level added).
 *
 * @param buckets cumulative counts in increasing order of upper bound, {@code +Inf} last
 */
public record BucketCounts(List<HistogramSeries.Bucket> buckets, double sum, double count) {
    public BucketCounts {
        buckets = List.copyOf(buckets);
    }

    /** The series summed bucket by bucket, as {@code sum by (le)}: per-engine or per-model series of one metric. */
    public static BucketCounts sum(Collection<BucketCounts> parts) {
        TreeMap<Double, Double> byBound = new TreeMap<>();
        double sum = 0;
        double count = 0;
        for (BucketCounts p : parts) {
            p.buckets.forEach(b -> byBound.merge(b.upperBound(), b.cumulativeCount(), Double::sum));
            sum += p.sum;
            count += p.count;
        }
        return new BucketCounts(toBuckets(byBound), sum, count);
    }

    /**
     * What was observed since {@code earlier}: bucket, sum and count differences. Empty when a count went down,
     * i.e. the server restarted in between and the difference means nothing.
     */
    public Optional<BucketCounts> since(BucketCounts earlier) {
        TreeMap<Double, Double> before = new TreeMap<>();
        earlier.buckets.forEach(b -> before.put(b.upperBound(), b.cumulativeCount()));
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (HistogramSeries.Bucket b : buckets) {
            double d = b.cumulativeCount() - before.getOrDefault(b.upperBound(), 0.0);
            if (d < 0) {
                return Optional.empty();
            }
            delta.put(b.upperBound(), d);
        }
        if (count < earlier.count) {
            return Optional.empty();
        }
        return Optional.of(new BucketCounts(toBuckets(delta), sum - earlier.sum, count - earlier.count));
    }

    /** sum / count: the exact mean of the observations; NaN when there were none. */
    public double mean() {
        return count > 0 ? sum / count : Double.NaN;
    }

    /**
     * The {@code q}-quantile (0..1) estimated from the buckets exactly as Prometheus' {@code histogram_quantile}
     * does (promql/quantile.go, bucketQuantile): linear interpolation inside the bucket holding rank
     * {@code q × observations}, the lowest bucket starting at 0, and the highest finite bound when the rank falls
     * in the {@code +Inf} bucket. Counts that decrease from one bucket to the next (a scrape racing an
     * observation) are raised to the running maximum first, as Prometheus does. NaN with no observations, fewer
     * than two buckets or no {@code +Inf} bucket.
     */
    public double quantile(double q) {
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        int n = buckets.size();
        if (n < 2 || buckets.get(n - 1).upperBound() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double[] bounds = new double[n];
        double[] counts = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            bounds[i] = buckets.get(i).upperBound();
            max = Math.max(max, buckets.get(i).cumulativeCount());
            counts[i] = max;
        }
        double observations = counts[n - 1];
        if (observations == 0 || Double.isNaN(observations)) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && counts[b] < rank) {
            b++;
        }
        if (b == n - 1) {
            return bounds[n - 2];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double start = 0;
        double end = bounds[b];
        double inBucket = counts[b];
        if (b > 0) {
            start = bounds[b - 1];
            inBucket -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return start + (end - start) * (rank / inBucket);
    }

    private static List<HistogramSeries.Bucket> toBuckets(Map<Double, Double> byBound) {
        List<HistogramSeries.Bucket> out = new ArrayList<>(byBound.size());
        byBound.forEach((bound, c) -> out.add(new HistogramSeries.Bucket(bound, c)));
        return out;
    }
}
