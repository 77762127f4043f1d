package dev.servebench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Pareto / SLO sweep's points and which latency they are plotted against (e.g. "TTFT p99").
 * The frontier is computed here, so it is the same wherever the points came from.
 */
public record ParetoInput(String latencyMetric, List<ParetoPoint> points) {
    public ParetoInput {
        points = List.copyOf(points);
    }

    /** Points no other point beats on both axes, by rising latency. */
    public List<ParetoPoint> frontier() {
        List<ParetoPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(ParetoPoint::latencyMillis)
                .thenComparing(Comparator.comparingDouble(ParetoPoint::tokensPerSecondPerGpu).reversed()));
        List<ParetoPoint> frontier = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (ParetoPoint p : sorted) {
            if (p.tokensPerSecondPerGpu() > best) {
                frontier.add(p);
                best = p.tokensPerSecondPerGpu();
            }
        }
        return frontier;
    }
}
