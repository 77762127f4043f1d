package dev.servebench.bench;

import dev.servebench.load.WorkerCount;
import dev.servebench.metrics.ServerMetricsSummary;

import java.util.Optional;

/**
 * One level's spec, metrics and status verdict, the server's own view of it when its metrics were read
 * ({@code bench --server-metrics} or {@code --prometheus}), and, when its load came from several worker
 * processes ({@code bench --workers N} or {@code --k8s}), how many of them finished, and how much of its prompt
 * the server served from its cache, when its counters told.
 */
public record LevelResult(LevelSpec spec, LevelMetrics metrics, StatusVerdict verdict,
                          Optional<ServerMetricsSummary> serverMetrics, Optional<WorkerCount> workers,
                          Optional<PromptCacheCheck> promptCache) {
    public LevelResult {
        java.util.Objects.requireNonNull(serverMetrics, "serverMetrics");
        java.util.Objects.requireNonNull(workers, "workers");
        java.util.Objects.requireNonNull(promptCache, "promptCache");
    }

    /** A level whose prompt cache was not checked. */
    public LevelResult(LevelSpec spec, LevelMetrics metrics, StatusVerdict verdict,
                       Optional<ServerMetricsSummary> serverMetrics, Optional<WorkerCount> workers) {
        this(spec, metrics, verdict, serverMetrics, workers, Optional.empty());
    }

    /** A level whose load came from this process. */
    public LevelResult(LevelSpec spec, LevelMetrics metrics, StatusVerdict verdict,
                       Optional<ServerMetricsSummary> serverMetrics) {
        this(spec, metrics, verdict, serverMetrics, Optional.empty());
    }

    /** A level measured from the client's side only. */
    public LevelResult(LevelSpec spec, LevelMetrics metrics, StatusVerdict verdict) {
        this(spec, metrics, verdict, Optional.empty());
    }

    /** "DEGRADED (vs BASELINE)", "SATURATED (vs previous SATURATION level)", "OK". */
    public String statusLabel() {
        return switch (verdict.status()) {
            case OK -> "OK";
            case FAILING -> "FAILING";
            case DEGRADED -> "DEGRADED vs BASELINE";
            case SATURATED -> "SATURATED vs prev";
        };
    }
}
