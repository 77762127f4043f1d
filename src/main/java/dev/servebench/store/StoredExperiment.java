package dev.servebench.store;

import java.util.Optional;

/**
 * An experiment as stored: its parameters and, once it ended, its analysis, both as JSON.
 *
 * @param kind   repeat, ablation, saturation, pareto or phases
 * @param status "running", "complete", "stopped" or "failed" ({@link ExperimentStatus})
 */
public record StoredExperiment(String id, String kind, String status, long createdEpochMillis, String paramsJson,
                               Optional<String> resultJson) {
}
