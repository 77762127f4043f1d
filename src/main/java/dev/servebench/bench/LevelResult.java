package dev.servebench.bench;

/** One level's spec, metrics and status verdict. */
public record LevelResult(LevelSpec spec, LevelMetrics metrics, StatusVerdict verdict) {
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
