package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkResult;

import java.util.Optional;

/** A finished trial: what it measured and, when recorded, its run id in the results database. */
public record TrialOutcome(Trial trial, BenchmarkResult result, Optional<String> runId) {
}
