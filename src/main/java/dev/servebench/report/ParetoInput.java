package dev.servebench.report;

import java.util.List;

/**
 * A Pareto / SLO sweep's points, its frontier and the latency both are plotted against (e.g. "TTFT
 * p99 ms"). The frontier is the experiment's ({@link dev.servebench.experiment.ParetoAnalysis}),
 * passed on typed: the report draws it and never computes its own.
 */
public record ParetoInput(String latencyMetric, List<ParetoChartPoint> points, List<ParetoChartPoint> frontier) {
    public ParetoInput {
        points = List.copyOf(points);
        frontier = List.copyOf(frontier);
    }
}
