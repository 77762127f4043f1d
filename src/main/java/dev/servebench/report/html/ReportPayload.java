package dev.servebench.report.html;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelStatus;
import dev.servebench.metrics.ServerMetricsSummary;
import dev.servebench.report.AdvisorPlan;
import dev.servebench.report.LevelDistributions;
import dev.servebench.report.MetricSpread;
import dev.servebench.report.ParetoChartPoint;
import dev.servebench.report.ParetoInput;
import dev.servebench.report.QuantileCurve;
import dev.servebench.report.ReportModel;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunSeries;
import dev.servebench.report.tables.StudyTables;
import dev.servebench.results.SummaryDocument;
import dev.servebench.results.ToolInfo;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The data a report page draws, shaped for its charts: series of points per concurrency, quantile
 * curves, status cells, tables. Optional sections are null and the page leaves them out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReportPayload(String title, String generated, String echartsVersion, List<SeriesView> series,
                     List<Double> percentiles, List<DistributionView> distributions, StatusView status,
                     List<NormalizedView> normalized, ParetoView pareto, AdvisorPlan advisor,
                     List<ReportTable> tables, List<RunView> runs, List<ServerTimelineView> serverTimelines) {

    static ReportPayload of(ReportModel model) {
        List<RunSeries> series = model.series();
        List<NormalizedView> normalized = series.stream().flatMap(s -> NormalizedView.of(s).stream()).toList();
        List<ServerTimelineView> timelines = series.stream().flatMap(s -> ServerTimelineView.of(s).stream()).toList();
        return new ReportPayload(model.title(), model.generated().toString(), ReportAssets.ECHARTS_VERSION,
                series.stream().map(SeriesView::of).toList(), QuantileCurve.PERCENTILES,
                series.stream().flatMap(s -> DistributionView.of(s).stream()).toList(), StatusView.of(series),
                normalized.isEmpty() ? null : normalized, model.pareto().map(ParetoView::of).orElse(null),
                model.advisorPlan().orElse(null), StudyTables.of(model),
                model.runs().stream().map(RunView::of).toList(), timelines.isEmpty() ? null : timelines);
    }

    /** Mean with its 95 % CI bounds; the bounds are null unless the level was repeated. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stat(Double mean, Double lo, Double hi, int n) {
        static Stat of(MetricSpread s) {
            if (s.n() == 0) {
                return new Stat(null, null, null, 0);
            }
            return s.repeated() ? new Stat(s.mean(), s.ciLow(), s.ciHigh(), s.n()) : new Stat(s.mean(), null, null, 1);
        }
    }

    record SeriesView(String label, int runs, boolean repeated, List<PointView> points) {
        static SeriesView of(RunSeries s) {
            return new SeriesView(s.label(), s.runs().size(), s.repeated(),
                    s.levels().stream().map(l -> PointView.of(s, l)).toList());
        }
    }

    /**
     * One level of a series; the server_* figures (its own view, from its metrics endpoint) are null when the run
     * did not read them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PointView(String phase, String level, int concurrency, String status, Stat totalTokS, Stat outputTokS,
                     Stat p99S, Stat ttftP50Ms, Stat ttftP95Ms, Stat ttftP99Ms, Stat itlP50Ms, Stat itlP95Ms,
                     Stat itlP99Ms, Stat successPct, Stat goodputPct, Stat goodputTokS, String slo,
                     Stat serverWaitingMean, Stat serverRunningMean, Stat serverKvUsagePct, Stat serverTtftMeanMs,
                     Stat serverTtftP50Ms, Stat serverTtftP99Ms) {
        static PointView of(RunSeries s, SummaryDocument.Level l) {
            LevelMetrics m = l.metrics();
            boolean goodput = m.goodput() != null;
            ServerMetricsSummary server = l.serverMetrics();
            return new PointView(l.phase(), l.name(), l.concurrency(), l.status(),
                    stat(s, l, LevelMetrics::totalTokensPerSecond), stat(s, l, LevelMetrics::outputTokensPerSecond),
                    stat(s, l, x -> x.latencySeconds().p99()),
                    stat(s, l, x -> x.ttftMillis().p50()), stat(s, l, x -> x.ttftMillis().p95()),
                    stat(s, l, x -> x.ttftMillis().p99()),
                    stat(s, l, x -> x.itlMillis().p50()), stat(s, l, x -> x.itlMillis().p95()),
                    stat(s, l, x -> x.itlMillis().p99()),
                    stat(s, l, x -> x.successRate() * 100),
                    goodput ? stat(s, l, x -> x.goodput() == null ? Double.NaN : x.goodput().share() * 100) : null,
                    goodput ? stat(s, l, x -> x.goodput() == null ? Double.NaN : x.goodput().totalTokensPerSecond())
                            : null,
                    goodput ? m.goodput().slo() : null,
                    server(s, l, x -> x.waitingRequests() == null ? null : x.waitingRequests().mean()),
                    server(s, l, x -> x.runningRequests() == null ? null : x.runningRequests().mean()),
                    server(s, l, x -> x.kvCacheUsageFraction() == null ? null : x.kvCacheUsageFraction().mean() * 100),
                    server(s, l, x -> x.ttftMillis() == null ? null : x.ttftMillis().mean()),
                    server(s, l, x -> x.ttftMillis() == null ? null : x.ttftMillis().p50()),
                    server(s, l, x -> x.ttftMillis() == null ? null : x.ttftMillis().p99()));
        }

        /** A figure of the server's view over the series' runs; null when this level has none. */
        private static Stat server(RunSeries s, SummaryDocument.Level l,
                                   java.util.function.Function<ServerMetricsSummary, Double> figure) {
            if (l.serverMetrics() == null || figure.apply(l.serverMetrics()) == null) {
                return null;
            }
            return Stat.of(s.levelStatistics(l, x -> {
                Double v = x.serverMetrics() == null ? null : figure.apply(x.serverMetrics());
                return v == null ? Double.NaN : v;
            }));
        }

        private static Stat stat(RunSeries s, SummaryDocument.Level l, ToDoubleFunction<LevelMetrics> metric) {
            return Stat.of(s.statistics(l, metric));
        }
    }

    /** Quantile curves of the series' first run (repeats add no new shape, only noise). */
    record DistributionView(String series, String level, List<Double> ttftMs, List<Double> itlMs,
                            List<Double> latencyS, List<Double> promptTokens, List<Double> completionTokens) {
        static List<DistributionView> of(RunSeries s) {
            List<DistributionView> out = new ArrayList<>();
            ReportRun run = s.first();
            for (SummaryDocument.Level l : run.measuredLevels()) {
                LevelDistributions d = run.distributions().get(ReportRun.levelKey(l));
                if (d != null) {
                    out.add(new DistributionView(s.label(), ReportRun.levelKey(l), d.ttftMillis().values(),
                            d.itlMillis().values(), d.latencySeconds().values(), d.promptTokens().values(),
                            d.completionTokens().values()));
                }
            }
            return out;
        }
    }

    /** One cell per (series, level): the chart is a grid coloured by status. */
    record StatusView(List<String> statuses, List<String> series, List<List<String>> levels, List<Cell> cells) {
        record Cell(int series, int level, String levelName, String status, String reason, double successPct) {
        }

        static StatusView of(List<RunSeries> series) {
            List<Cell> cells = new ArrayList<>();
            List<List<String>> levels = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                List<SummaryDocument.Level> ls = series.get(i).levels();
                levels.add(ls.stream().map(ReportRun::levelKey).toList());
                for (int j = 0; j < ls.size(); j++) {
                    SummaryDocument.Level l = ls.get(j);
                    cells.add(new Cell(i, j, ReportRun.levelKey(l), l.status(), l.statusReason(),
                            l.metrics().successRate() * 100));
                }
            }
            return new StatusView(java.util.Arrays.stream(LevelStatus.values()).map(Enum::name).toList(),
                    series.stream().map(RunSeries::label).toList(), levels, cells);
        }
    }

    /**
     * The server's gauges against time over the series' first run, every level's readings in order: seconds from
     * the run's start, and null where a reading lacked the gauge.
     */
    record ServerTimelineView(String series, List<Double> elapsedS, List<Double> waiting, List<Double> running,
                              List<Double> kvPct) {
        static java.util.Optional<ServerTimelineView> of(RunSeries s) {
            List<Double> t = new ArrayList<>();
            List<Double> waiting = new ArrayList<>();
            List<Double> running = new ArrayList<>();
            List<Double> kv = new ArrayList<>();
            for (SummaryDocument.Level l : s.first().levels()) {
                ServerMetricsSummary m = l.serverMetrics();
                if (m == null || m.series() == null) {
                    continue;
                }
                ServerMetricsSummary.Series x = m.series();
                for (int i = 0; i < x.elapsedMillis().size(); i++) {
                    t.add(x.elapsedMillis().get(i) / 1000.0);
                    waiting.add(x.waitingRequests().get(i));
                    running.add(x.runningRequests().get(i));
                    Double f = x.kvCacheUsageFraction().get(i);
                    kv.add(f == null ? null : f * 100);
                }
            }
            return t.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(new ServerTimelineView(s.label(), t, waiting, running, kv));
        }
    }

    /** tok_s_per_active_b spelled out: the snake-case naming made it tok_sper_active_b, which the page never read. */
    record NormalizedView(String series, String workload, double activeParamsB, double peakTokS,
                          @com.fasterxml.jackson.annotation.JsonProperty("tok_s_per_active_b") double tokSPerActiveB) {
        static java.util.Optional<NormalizedView> of(RunSeries s) {
            OptionalDouble active = s.first().activeParamsBillions();
            double peak = s.peakTotalTokensPerSecond().mean();
            if (active.isEmpty() || !Double.isFinite(peak) || peak <= 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new NormalizedView(s.label(), s.first().workloadType(),
                    active.getAsDouble(), peak, peak / active.getAsDouble()));
        }
    }

    record ParetoView(String latencyMetric, List<ParetoChartPoint> points, List<ParetoChartPoint> frontier) {
        static ParetoView of(ParetoInput p) {
            return new ParetoView(p.latencyMetric(), p.points(), p.frontier());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunView(String id, String model, String target, String url, ToolInfo tool, String started,
                   String finished, boolean complete, String peakLevel, String saturationPoint, JsonNode config) {
        static RunView of(ReportRun r) {
            return new RunView(r.id(), r.target().model(), r.target().name(), r.target().url(), r.tool(),
                    r.started().toString(), r.finished().map(Object::toString).orElse(null), r.complete(),
                    r.peakLevel().orElse(null), r.saturationPoint().orElse(null), r.config());
        }
    }

}
