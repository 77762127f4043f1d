package dev.servebench.report;

import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoResult;

import java.util.List;

/**
 * A Pareto / SLO sweep's points, its frontier and the latency both are plotted against (e.g. "TTFT
 * p99 ms"). The frontier is the experiment's ({@link dev.servebench.experiment.ParetoAnalysis}),
 * passed on typed: the report draws it and never computes its own.
 */
public record ParetoInput(String latencyMetric, List<ParetoPoint> points, List<ParetoPoint> frontier) {
    public ParetoInput {
        points = List.copyOf(points);
        frontier = List.copyOf(frontier);
    }

    /** The sweep's points and frontier on one latency axis; points without that latency are left out. */
    public static ParetoInput of(ParetoResult result, LatencyAxis axis) {
        return new ParetoInput(axis.label(), view(result.points(), axis),
                view(result.frontiers().getOrDefault(axis, List.of()), axis));
    }

    private static List<ParetoPoint> view(List<dev.servebench.experiment.ParetoPoint> points, LatencyAxis axis) {
        return points.stream().filter(p -> Double.isFinite(axis.of(p)))
                .map(p -> new ParetoPoint(p.configuration(), p.level(), p.tokensPerSecondPerGpu(), axis.of(p)))
                .toList();
    }
}
