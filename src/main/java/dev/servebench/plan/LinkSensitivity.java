package dev.servebench.plan;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.sim.cluster.ClusterShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How much the winner owes to the link between nodes: the decision's winner at its highest decided concurrency,
 * predicted again with the inter-node link at a quarter and a sixteenth of the plan's (e.g. 400, 100 and 25 Gb/s
 * per GPU), in one line.
 */
public final class LinkSensitivity {
    private static final double[] FRACTIONS = {1, 0.25, 0.0625};

    private LinkSensitivity() {
    }

    public static String line(PlanRequest request, PlanResult result) {
        Optional<PlanResult.Decision> decided = result.decisions().stream().filter(d -> d.best().isPresent())
                .reduce((a, b) -> b);
        if (decided.isEmpty()) {
            return "Link sensitivity: no decision to test.";
        }
        ShapePrediction winner = decided.get().best().orElseThrow();
        if (!(winner.shape() instanceof ClusterShape.Disaggregated)) {
            return "Link sensitivity: the winner at " + winner.concurrency() + " clients (" + winner.shape().label()
                    + ") serves whole requests: no KV crosses a link.";
        }
        ShapeUnit unit = ShapeUnit.of(winner.shape());
        int clients = unit.clientsPerCopy(winner.concurrency());
        double gbps = request.links().interNodeGbps();
        List<String> parts = new ArrayList<>();
        for (double f : FRACTIONS) {
            PlanRequest at = request.withLinks(request.links().withInterNodeGbps(gbps * f));
            Planner.UnitLevel predicted = Planner.predictUnit(at, unit.shape(), List.of(clients)).get(clients);
            LevelMetrics level = predicted == null ? null : predicted.metrics();
            if (level == null) {
                parts.add(String.format(Locale.ROOT, "%.0f Gb/s: not predicted", gbps * f));
                continue;
            }
            ShapePrediction p = new ShapePrediction(winner.shape(), winner.concurrency(), level,
                    unit.throughputScale(winner.concurrency()), predicted.kvTransferMillis(), predicted.entryBusy(),
                    predicted.decodeBusy(), predicted.entryQueue(), predicted.decodeQueue());
            parts.add(String.format(Locale.ROOT, "%.0f Gb/s: goodput %.0f out tok/s/GPU, TTFT p99 %.0f ms, KV "
                            + "transfer %.1f ms%s", gbps * f, p.goodputPerGpu(), level.ttftMillis().p99(),
                    predicted.kvTransferMillis(),
                    p.paretoPoint(request.slo()).meetsSlo() ? "" : " (misses the SLO)"));
        }
        return "Link sensitivity of the winner at " + winner.concurrency() + " clients (" + winner.shape().label()
                + ", inter-node KV link per GPU): " + String.join("; ", parts) + ".";
    }
}
