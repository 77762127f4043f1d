package dev.servebench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.PromptCacheCheck;
import dev.servebench.bench.TargetInfo;
import dev.servebench.load.WorkerCount;
import dev.servebench.metrics.ServerMetricsSummary;

import java.time.Instant;
import java.util.List;

/**
 * The contents of {@code summary.json}; its schema is documented in docs/summary-schema.md.
 * Written after every level with {@code complete = false}, and once more at the end.
 *
 * @param levelsPlanned how many levels the plan held, so a reader (runs import) can tell a run that
 *                      ran them all from one whose phase was given up or that was stopped; null when
 *                      not known
 * @param runId         the run's id in the results database that recorded it ({@code servebench runs show ID}), so
 *                      that the folder names its record as the record names its folder; null when not recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryDocument(String schema, boolean complete, ToolInfo tool, TargetInfo target, Instant started,
                              Instant finished, BenchmarkConfig config, Integer levelsPlanned, List<Level> levels,
                              String peakLevel, String saturationPoint, String runId) {
    public static final String SCHEMA = "servebench.summary/1";

    /**
     * One level: what was run and what it measured.
     *
     * @param serverMetrics the server's own view of the level, when its metrics were read; null otherwise
     * @param workers       the worker processes the level's load was split over and how many finished
     *                      ({@code bench --workers N} or {@code --k8s}); null for a run in one process
     * @param promptCache   how much of the level's prompt the server served from its cache, by its counters; null
     *                      when they were not read or did not tell
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Level(String phase, String name, String load, int concurrency, int inputTokens, int outputTokens,
                        int images, String status, String statusReason, LevelMetrics metrics,
                        ServerMetricsSummary serverMetrics, WorkerCount workers, PromptCacheCheck promptCache) {
        public static Level of(LevelResult r) {
            var s = r.spec();
            return new Level(s.phase().name(), s.name(), s.load().label(), s.concurrency(),
                    s.workload().inputTokens(), s.workload().outputTokens(), s.workload().images(),
                    r.verdict().status().name(), r.verdict().reason(), r.metrics(), r.serverMetrics().orElse(null),
                    r.workers().orElse(null), r.promptCache().orElse(null));
        }
    }

    public static SummaryDocument partial(ToolInfo tool, TargetInfo target, BenchmarkConfig config,
                                          long startEpochMillis, int levelsPlanned, List<LevelResult> levels) {
        return new SummaryDocument(SCHEMA, false, tool, target, Instant.ofEpochMilli(startEpochMillis), null, config,
                levelsPlanned, levels.stream().map(Level::of).toList(), null, null, null);
    }

    /** The same document naming the database record of its run. */
    public SummaryDocument withRunId(String id) {
        return new SummaryDocument(schema, complete, tool, target, started, finished, config, levelsPlanned, levels,
                peakLevel, saturationPoint, id);
    }

    /** A finished run whose plan is not known here (levels_planned omitted). */
    public static SummaryDocument complete(ToolInfo tool, BenchmarkResult result) {
        return complete(tool, result, null);
    }

    public static SummaryDocument complete(ToolInfo tool, BenchmarkResult result, Integer levelsPlanned) {
        return new SummaryDocument(SCHEMA, true, tool, result.target(), Instant.ofEpochMilli(result.startEpochMillis()),
                Instant.ofEpochMilli(result.endEpochMillis()), result.config(), levelsPlanned,
                result.levels().stream().map(Level::of).toList(),
                result.peak().map(SummaryDocument::qualifiedName).orElse(null),
                result.saturationPoint().map(SummaryDocument::qualifiedName).orElse(null), null);
    }

    private static String qualifiedName(LevelResult r) {
        return r.spec().phase().name() + " " + r.spec().name();
    }
}
