package dev.servebench.experiment;

import dev.servebench.bench.Slo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Frontiers and per-level choices over measured (configuration, level) points. */
public final class ParetoAnalysis {
    private ParetoAnalysis() {
    }

    /**
     * The points no other point beats on both axes (at least as much throughput per GPU and at most
     * as much latency, better on one), by ascending latency. Only points that meet the SLO and the success rate
     * take part: a shape that fails them is no trade-off a user can pick. Points without the latency (NaN) are
     * left out.
     */
    public static List<ParetoPoint> frontier(List<ParetoPoint> points, LatencyAxis axis) {
        List<ParetoPoint> candidates = points.stream().filter(ParetoPoint::meetsSlo)
                .filter(p -> Double.isFinite(axis.of(p))).toList();
        List<ParetoPoint> out = new ArrayList<>();
        for (ParetoPoint p : candidates) {
            boolean dominated = false;
            for (ParetoPoint q : candidates) {
                boolean noWorse = q.tokensPerSecondPerGpu() >= p.tokensPerSecondPerGpu() && axis.of(q) <= axis.of(p);
                boolean better = q.tokensPerSecondPerGpu() > p.tokensPerSecondPerGpu() || axis.of(q) < axis.of(p);
                if (noWorse && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparingDouble(axis::of));
        return out;
    }

    /** Per load level (in first-seen order): the configurations meeting the SLO, best throughput per GPU first. */
    public static List<LevelChoice> bestPerLevel(List<ParetoPoint> points) {
        Map<String, List<ParetoPoint>> byLevel = new LinkedHashMap<>();
        points.forEach(p -> byLevel.computeIfAbsent(p.level(), k -> new ArrayList<>()).add(p));
        List<LevelChoice> out = new ArrayList<>();
        byLevel.forEach((level, list) -> {
            List<ParetoPoint> meeting = list.stream().filter(ParetoPoint::meetsSlo)
                    .sorted(Comparator.comparingDouble(ParetoPoint::tokensPerSecondPerGpu).reversed()).toList();
            out.add(new LevelChoice(level, list.getFirst().concurrency(), meeting.stream().findFirst(),
                    meeting.stream().map(ParetoPoint::configuration).toList()));
        });
        return out;
    }

    /** Whether p99 TTFT, TPOT and e2e latency are within the SLO's bounds (unset bounds always pass; no ITL bound). */
    public static boolean meets(Slo slo, double ttftP99Millis, double tpotP99Millis, double e2eP99Seconds) {
        return meets(slo, ttftP99Millis, tpotP99Millis, Double.NaN, e2eP99Seconds);
    }

    /**
     * Whether p99 TTFT, TPOT, ITL (every gap of the level) and e2e latency are within the SLO's bounds; unset bounds
     * always pass, and a bound on an unknown figure (NaN) fails.
     */
    public static boolean meets(Slo slo, double ttftP99Millis, double tpotP99Millis, double itlP99Millis,
                                double e2eP99Seconds) {
        if (slo.ttft().isPresent() && !(ttftP99Millis <= slo.ttft().get().toNanos() / 1e6)) {
            return false;
        }
        if (slo.tpot().isPresent() && !(tpotP99Millis <= slo.tpot().get().toNanos() / 1e6)) {
            return false;
        }
        if (slo.itl().isPresent() && !(itlP99Millis <= slo.itl().get().toNanos() / 1e6)) {
            return false;
        }
        return slo.e2e().isEmpty() || e2eP99Seconds <= slo.e2e().get().toNanos() / 1e9;
    }
}
