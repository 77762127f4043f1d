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
    /** A plan is recorded as an experiment of this kind (it has no runs; its result is the whole plan). */
    public static final String PLAN_KIND = "plan";

    public boolean isPlan() {
        return PLAN_KIND.equals(kind);
    }

    /** The results folder, as every experiment and plan records it among its parameters. */
    public Optional<String> resultsFolder() {
        return parameter("results_folder");
    }

    /** A text parameter; empty when absent or not text. */
    public Optional<String> parameter(String name) {
        try {
            var node = dev.servebench.json.Json.mapper().readTree(paramsJson).path(name);
            return node.isValueNode() ? Optional.of(node.asText()) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
