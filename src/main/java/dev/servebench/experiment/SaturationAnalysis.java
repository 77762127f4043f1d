package dev.servebench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads a sweep's mean throughput per level: the peak; the saturation point, the first level
 * from which every higher level stays within the tolerance of the peak; the plateau's relative
 * range; and drops between neighbouring levels beyond the tolerance (non-monotonic), the large
 * ones flagged as cliffs.
 *
 * @param plateauRelativeRange (max − min) / mean of the plateau levels' means; NaN without a plateau
 */
public record SaturationAnalysis(int peakConcurrency, double peakTokensPerSecond, OptionalInt saturationConcurrency,
                                 double plateauRelativeRange, List<ThroughputDrop> drops) {

    public SaturationAnalysis {
        drops = List.copyOf(drops);
    }

    /** A level's concurrency and mean throughput. */
    public record Point(int concurrency, double meanTokensPerSecond) {
    }

    public static SaturationAnalysis of(List<Point> points, double tolerance, double cliffThreshold) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no levels measured");
        }
        Point peak = points.getFirst();
        for (Point p : points) {
            if (p.meanTokensPerSecond() > peak.meanTokensPerSecond()) {
                peak = p;
            }
        }
        double floor = (1 - tolerance) * peak.meanTokensPerSecond();
        // Walk down from the top level while levels stay near the peak: the last one reached is the
        // first level after which throughput never leaves the plateau.
        int start = points.size();
        while (start > 0 && points.get(start - 1).meanTokensPerSecond() >= floor) {
            start--;
        }
        OptionalInt saturation = OptionalInt.empty();
        double plateauRange = Double.NaN;
        if (start < points.size()) {
            saturation = OptionalInt.of(points.get(start).concurrency());
            List<Point> plateau = points.subList(start, points.size());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (Point p : plateau) {
                min = Math.min(min, p.meanTokensPerSecond());
                max = Math.max(max, p.meanTokensPerSecond());
                sum += p.meanTokensPerSecond();
            }
            plateauRange = (max - min) / (sum / plateau.size());
        }
        List<ThroughputDrop> drops = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            double before = points.get(i - 1).meanTokensPerSecond();
            double after = points.get(i).meanTokensPerSecond();
            double drop = (before - after) / before;
            if (drop > tolerance) {
                drops.add(new ThroughputDrop(points.get(i - 1).concurrency(), points.get(i).concurrency(),
                        drop * 100, drop >= cliffThreshold));
            }
        }
        return new SaturationAnalysis(peak.concurrency(), peak.meanTokensPerSecond(), saturation, plateauRange, drops);
    }

    public boolean monotonic() {
        return drops.isEmpty();
    }

    public boolean hasCliff() {
        return drops.stream().anyMatch(ThroughputDrop::cliff);
    }
}
