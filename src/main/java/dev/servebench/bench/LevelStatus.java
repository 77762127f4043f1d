package dev.servebench.bench;

/** A level's verdict. The labels are relative to a phase; reports must say which. */
public enum LevelStatus {
    OK,
    /** SCALING only: p99 latency above twice the BASELINE p99. */
    DEGRADED,
    /** SATURATION only: total throughput below 1.05 × the previous level's. */
    SATURATED,
    /** Any phase: fewer than 95 % of requests succeeded. */
    FAILING
}
