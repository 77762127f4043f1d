package dev.servebench.sim.server;

import java.util.Locale;

/**
 * A Prometheus histogram with fixed buckets in seconds, safe for concurrent observation. Observing and rendering
 * share one lock, so a scrape never shows a bucket ahead of a lower one or of {@code _count} (which the
 * format forbids: the {@code +Inf} bucket must equal {@code _count}).
 */
final class LatencyHistogram {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final long[] counts;
    private long count;
    private double sum;

    LatencyHistogram(String name, String help, double... bounds) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    synchronized void observe(double seconds) {
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                counts[i]++;
            }
        }
        count++;
        sum += seconds;
    }

    synchronized void render(StringBuilder out, String labels) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < bounds.length; i++) {
            out.append(name).append("_bucket{").append(labels).append(",le=\"")
                    .append(String.format(Locale.ROOT, "%s", bounds[i])).append("\"} ").append(counts[i]).append('\n');
        }
        out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(sum).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
    }
}
