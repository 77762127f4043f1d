package dev.servebench.bench;

import dev.servebench.metrics.ServerMetricsSummary;

import java.util.Optional;

/**
 * One level's spec, metrics and status verdict, and the server's own view of it when its metrics were read
 * ({@code bench --server-metrics} or {@code --prometheus}).
 */
public record LevelResult(LevelSpec spec, LevelMetrics metrics, StatusVerdict verdict,
                          Optional<ServerMetricsSummary> serverMetrics) {
    public LevelResult {
        java.util.Objects.requireNonNull(serverMetrics, "serverMetrics");
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
