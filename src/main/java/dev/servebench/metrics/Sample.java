package dev.servebench.metrics;

import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line of a Prometheus exposition: a sample name, its labels, its value and, rarely, a timestamp.
 *
 * @param labels          label names to values, sorted by name (the order on the wire carries no meaning)
 * @param value           any double, {@code NaN} and infinities included
 * @param timestampMillis milliseconds since the Unix epoch, when the exposition gave one
 */
public record Sample(String name, SortedMap<String, String> labels, double value, OptionalLong timestampMillis) {
    public Sample {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static Sample of(String name, Map<String, String> labels, double value) {
        return new Sample(name, new TreeMap<>(labels), value, OptionalLong.empty());
    }

    /** {@code name{a="x",b="y"}}: the series this sample belongs to, with its label values escaped as on the wire. */
    public String seriesKey() {
        return seriesKey(name, labels);
    }

    static String seriesKey(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + escapeLabelValue(e.getValue()) + "\"")
                .collect(Collectors.joining(",", name + "{", "}"));
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
