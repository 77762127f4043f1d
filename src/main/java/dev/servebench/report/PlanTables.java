package dev.servebench.report;

import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.plan.PlanResult;
import dev.servebench.plan.ShapePrediction;
import dev.servebench.table.ReportTable;
import dev.servebench.table.TerminalTables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code plan}'s tables: the decision per concurrency and the frontiers the decisions come from, as
 * {@link ReportTable}s the terminal renders. (The plan's page draws its decision table from the plan's JSON in
 * plan.js: a second rendering these do not feed yet.)
 */
public final class PlanTables {
    private PlanTables() {
    }

    /** The grid only: plan words the headings. */
    public static String decisions(PlanResult plan) {
        return TerminalTables.grid(decisionsTable(plan));
    }

    public static String frontier(PlanResult plan, LatencyAxis axis) {
        return TerminalTables.grid(frontierTable(plan, axis));
    }

    public static ReportTable decisionsTable(PlanResult plan) {
        List<String> columns = List.of("clients", "SLO", "best shape", "goodput out tok/s/GPU", "out tok/s/user",
                "TTFT p99 ms", "TPOT p99 ms", "ITL p99 ms", "KV transfer ms", "busy % P/D", "queue P/D", "runner-up",
                "its goodput", "shapes meeting SLO");
        List<List<String>> rows = new ArrayList<>();
        for (PlanResult.Decision d : plan.decisions()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(d.concurrency()));
            row.add(d.slo());
            row.add(d.best().map(p -> p.shape().label()).orElse("none meets it"));
            row.add(d.best().map(p -> number(p.goodputPerGpu())).orElse("-"));
            row.add(d.best().map(p -> number(p.tokensPerSecondPerUser())).orElse("-"));
            row.add(d.best().map(p -> number(p.metrics().ttftMillis().p99())).orElse("-"));
            row.add(d.best().map(p -> number(p.metrics().tpotMillis().p99())).orElse("-"));
            row.add(d.best().map(p -> number(p.metrics().itlMillis().p99())).orElse("-"));
            row.add(d.best().map(p -> number(p.kvTransferMillis())).orElse("-"));
            row.add(d.best().map(PlanTables::busy).orElse("-"));
            row.add(d.best().map(PlanTables::queue).orElse("-"));
            row.add(d.runnerUp().map(p -> p.shape().label()).orElse("-"));
            row.add(d.runnerUp().map(p -> number(p.goodputPerGpu())).orElse("-"));
            row.add(Integer.toString(d.shapesMeetingSlo()));
            rows.add(row);
        }
        return new ReportTable("decisions", "", "", columns, rows);
    }

    /**
     * The frontier of throughput per GPU (prompt + output tokens) against one latency: each point meeting the SLO
     * that no other such point beats on both.
     */
    public static ReportTable frontierTable(PlanResult plan, LatencyAxis axis) {
        List<String> columns = List.of("shape", "clients", "total tok/s/GPU", axis.label(), "out tok/s/user");
        List<List<String>> rows = new ArrayList<>();
        for (ParetoPoint p : plan.frontiers().getOrDefault(axis, List.of())) {
            Optional<ShapePrediction> prediction = plan.predictions().stream()
                    .filter(s -> s.shape().label().equals(p.configuration()) && s.concurrency() == p.concurrency())
                    .findFirst();
            rows.add(List.of(p.configuration(), Integer.toString(p.concurrency()), number(p.tokensPerSecondPerGpu()),
                    number(axis.of(p)), prediction.map(s -> number(s.tokensPerSecondPerUser())).orElse("-")));
        }
        return new ReportTable("frontier-" + axis.name().toLowerCase(Locale.ROOT).replace('_', '-'), "", "", columns,
                rows);
    }

    /** Replicas' (or the prefill pool's) and the decode pool's step time over the level's: "62/88" or "75". */
    private static String busy(ShapePrediction p) {
        String entry = Double.isFinite(p.entryBusy()) ? String.format(Locale.ROOT, "%.0f", 100 * p.entryBusy()) : "-";
        return Double.isFinite(p.decodeBusy())
                ? entry + "/" + String.format(Locale.ROOT, "%.0f", 100 * p.decodeBusy()) : entry;
    }

    /** Mean requests waiting in one copy's replicas' (or prefill pool's) and decode pool's queues: "3.1/0.0". */
    private static String queue(ShapePrediction p) {
        String entry = Double.isFinite(p.entryQueue()) ? String.format(Locale.ROOT, "%.1f", p.entryQueue()) : "-";
        return Double.isFinite(p.decodeQueue())
                ? entry + "/" + String.format(Locale.ROOT, "%.1f", p.decodeQueue()) : entry;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v) : "-";
    }
}
