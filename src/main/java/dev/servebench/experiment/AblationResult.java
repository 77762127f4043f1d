package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * An ablation's analysis: per level and metric, each condition's statistics and its comparison with the
 * reference; with an accuracy check, each condition's accuracy and its comparison too.
 */
public record AblationResult(List<String> conditions, double alpha, @JsonIgnore List<TrialOutcome> outcomes,
                             List<AblationLevel> levels, Optional<AblationAccuracy> accuracy) {
    public AblationResult {
        java.util.Objects.requireNonNull(accuracy, "accuracy");
        conditions = List.copyOf(conditions);
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

    @JsonProperty("run_ids")
    public List<String> runIds() {
        return outcomes.stream().map(TrialOutcome::runId).flatMap(Optional::stream).toList();
    }
}
