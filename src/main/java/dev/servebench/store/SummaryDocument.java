package dev.servebench.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.TargetInfo;

import java.time.Instant;
import java.util.List;

/**
 * The contents of {@code summary.json}; its schema is documented in docs/summary-schema.md.
 * Written after every level with {@code complete = false}, and once more at the end.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryDocument(String schema, boolean complete, ToolInfo tool, TargetInfo target, Instant started,
                              Instant finished, BenchmarkConfig config, List<Level> levels, String peakLevel,
                              String saturationPoint) {
    public static final String SCHEMA = "servebench.summary/1";

    /** One level: what was run and what it measured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Level(String phase, String name, String load, int concurrency, int inputTokens, int outputTokens,
                        int images, String status, String statusReason, LevelMetrics metrics) {
        static Level of(LevelResult r) {
            var s = r.spec();
            return new Level(s.phase().name(), s.name(), s.load().label(), s.concurrency(),
                    s.workload().inputTokens(), s.workload().outputTokens(), s.workload().images(),
                    r.verdict().status().name(), r.verdict().reason(), r.metrics());
        }
    }

    public static SummaryDocument partial(ToolInfo tool, TargetInfo target, BenchmarkConfig config,
                                          long startEpochMillis, List<LevelResult> levels) {
        return new SummaryDocument(SCHEMA, false, tool, target, Instant.ofEpochMilli(startEpochMillis), null, config,
                levels.stream().map(Level::of).toList(), null, null);
    }

    public static SummaryDocument complete(ToolInfo tool, BenchmarkResult result) {
        return new SummaryDocument(SCHEMA, true, tool, result.target(), Instant.ofEpochMilli(result.startEpochMillis()),
                Instant.ofEpochMilli(result.endEpochMillis()), result.config(),
                result.levels().stream().map(Level::of).toList(),
                result.peak().map(SummaryDocument::qualifiedName).orElse(null),
                result.saturationPoint().map(SummaryDocument::qualifiedName).orElse(null));
    }

    private static String qualifiedName(LevelResult r) {
        return r.spec().phase().name() + " " + r.spec().name();
    }
}
