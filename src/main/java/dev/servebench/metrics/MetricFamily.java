package dev.servebench.metrics;

import java.util.List;

/**
 * All the samples of one metric name in an exposition, typed by its {@code # TYPE} line. Counters, gauges and
 * untyped metrics are plain samples; histograms and summaries are assembled into their series.
 */
public sealed interface MetricFamily {
    String name();

    /** The {@code # HELP} text, unescaped; empty when there was none. */
    String help();

    /** The plain samples of a counter, gauge or untyped metric; none for histograms and summaries. */
    default List<Sample> plainSamples() {
        return switch (this) {
            case CounterFamily c -> c.samples();
            case GaugeFamily g -> g.samples();
            case UntypedFamily u -> u.samples();
            case HistogramFamily h -> List.of();
            case SummaryFamily s -> List.of();
        };
    }

    record CounterFamily(String name, String help, List<Sample> samples) implements MetricFamily {
        public CounterFamily {
            samples = List.copyOf(samples);
        }
    }

    record GaugeFamily(String name, String help, List<Sample> samples) implements MetricFamily {
        public GaugeFamily {
            samples = List.copyOf(samples);
        }
    }

    record HistogramFamily(String name, String help, List<HistogramSeries> series) implements MetricFamily {
        public HistogramFamily {
            series = List.copyOf(series);
        }
    }

    record SummaryFamily(String name, String help, List<SummarySeries> series) implements MetricFamily {
        public SummaryFamily {
            series = List.copyOf(series);
        }
    }

    /**
     * Samples without a {@code # TYPE} line, or typed {@code untyped}, or typed with a word this format does
     * not define (OpenMetrics' {@code info}, {@code stateset}, {@code unknown}): kept raw.
     *
     * @param declaredType the word of the {@code # TYPE} line as written; "untyped" when there was none
     */
    record UntypedFamily(String name, String help, String declaredType, List<Sample> samples) implements MetricFamily {
        public UntypedFamily {
            samples = List.copyOf(samples);
        }
    }
}
