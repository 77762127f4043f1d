package dev.servebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.TargetInfo;
import dev.servebench.results.SummaryDocument;
import dev.servebench.results.ToolInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One benchmark run as a report sees it: its summary, and its per-request distributions when
 * the run's {@code requests.jsonl} was available.
 *
 * @param id            the results folder's name, or another stable label for the run
 * @param config        the run's configuration exactly as {@code summary.json} holds it (shown verbatim)
 * @param distributions by {@link #levelKey(SummaryDocument.Level)}; empty when no request records were read
 * @param condition     the experiment condition the run measured (an ablation's {@code aiter}, {@code triton}), when
 *                      runs of one model on one target differ by it: it, not the target, then makes the run's series
 */
public record ReportRun(String id, TargetInfo target, ToolInfo tool, Instant started, Optional<Instant> finished,
                        boolean complete, JsonNode config, List<SummaryDocument.Level> levels,
                        Optional<String> peakLevel, Optional<String> saturationPoint,
                        Map<String, LevelDistributions> distributions, Optional<String> condition) {
    public ReportRun {
        levels = List.copyOf(levels);
        distributions = Map.copyOf(distributions);
    }

    /** The same run, as one of an experiment's {@code condition}. */
    public ReportRun withCondition(String condition) {
        return new ReportRun(id, target, tool, started, finished, complete, config, levels, peakLevel, saturationPoint,
                distributions, Optional.of(condition));
    }

    /** What the run's series is named after: its condition when it has one, else its target. */
    public String seriesName() {
        return condition.orElse(target.name());
    }

    public static String levelKey(SummaryDocument.Level level) {
        return level.phase() + " " + level.name();
    }

    /** Levels that count for aggregates: everything but WARMUP. */
    public List<SummaryDocument.Level> measuredLevels() {
        return levels.stream().filter(l -> !l.phase().equals("WARMUP")).toList();
    }

    public Optional<SummaryDocument.Level> peak() {
        return measuredLevels().stream()
                .max(java.util.Comparator.comparingDouble(l -> l.metrics().totalTokensPerSecond()));
    }

    public OptionalDouble activeParamsBillions() {
        JsonNode v = config.path("active_params_billions");
        return v.isNumber() && v.asDouble() > 0 ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    /** "vision" when any measured level sent images: image tokens make totals incomparable with text. */
    public String workloadType() {
        return measuredLevels().stream().anyMatch(l -> l.images() > 0) ? "vision" : "text";
    }

    public Optional<String> slo() {
        return measuredLevels().stream().filter(l -> l.metrics().goodput() != null)
                .map(l -> l.metrics().goodput().slo()).findFirst();
    }
}
