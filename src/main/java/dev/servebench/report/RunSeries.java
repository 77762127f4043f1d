package dev.servebench.report;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.results.SummaryDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one model on one target (or, in an experiment, under one condition): one line on every chart. Several runs in a series are
 * repetitions; their levels are matched by phase and name and reported as mean ± 95 % CI.
 *
 * @param label what the legend shows: the model name, plus the target (or condition) where two series share a model
 */
public record RunSeries(String key, String label, List<ReportRun> runs) {
    public RunSeries {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one run");
        }
    }

    /**
     * Groups runs by model and target, or condition where the runs have one, keeping first-seen order; labels say the
     * target or condition only when needed.
     */
    public static List<RunSeries> group(List<ReportRun> runs) {
        Map<String, List<ReportRun>> byKey = new LinkedHashMap<>();
        for (ReportRun run : runs) {
            byKey.computeIfAbsent(key(run), k -> new ArrayList<>()).add(run);
        }
        Map<String, Long> modelCount = new LinkedHashMap<>();
        byKey.values().forEach(list -> modelCount.merge(list.getFirst().target().model(), 1L, Long::sum));
        List<RunSeries> out = new ArrayList<>();
        byKey.forEach((key, list) -> {
            ReportRun first = list.getFirst();
            String model = first.target().model();
            String label = modelCount.get(model) > 1 ? model + " @ " + first.seriesName() : model;
            out.add(new RunSeries(key, label, list));
        });
        return out;
    }

    private static String key(ReportRun run) {
        return run.target().model() + "\u0000" + run.seriesName();
    }

    public ReportRun first() {
        return runs.getFirst();
    }

    public String model() {
        return first().target().model();
    }

    public boolean repeated() {
        return runs.size() > 1;
    }

    /** The first run's measured levels, in run order; the other runs are matched to these. */
    public List<SummaryDocument.Level> levels() {
        return first().measuredLevels();
    }

    /** The metric over every run that has this level (a crashed repeat may lack the last levels). */
    public MetricSpread statistics(SummaryDocument.Level level, ToDoubleFunction<LevelMetrics> metric) {
        return levelStatistics(level, l -> metric.applyAsDouble(l.metrics()));
    }

    /**
     * A figure of the level as summary.json holds it (the server's view as well as the client's) over every run
     * that has this level; NaN where a run's level lacks it.
     */
    public MetricSpread levelStatistics(SummaryDocument.Level level, ToDoubleFunction<SummaryDocument.Level> metric) {
        String key = ReportRun.levelKey(level);
        List<Double> values = new ArrayList<>();
        for (ReportRun run : runs) {
            for (SummaryDocument.Level l : run.measuredLevels()) {
                if (ReportRun.levelKey(l).equals(key)) {
                    double v = metric.applyAsDouble(l);
                    if (Double.isFinite(v)) {
                        values.add(v);
                    }
                }
            }
        }
        return MetricSpread.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Peak total throughput per run: the figure the peak, comparison and normalized tables use. */
    public MetricSpread peakTotalTokensPerSecond() {
        return MetricSpread.of(runs.stream().flatMap(r -> r.peak().stream())
                .mapToDouble(l -> l.metrics().totalTokensPerSecond()).toArray());
    }
}
