package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Optional;

/**
 * An ablation's analysis: per level and metric, each condition's statistics and its comparison with the
 * reference; with an accuracy check, each condition's accuracy and its comparison too.
 *
 * @param pairedPrompts whether the conditions' runs with the same index sent the same prompts (each condition's
 *                      server started afresh before every run, so none had them cached); otherwise every run sent
 *                      prompts of its own
 */
public record AblationResult(List<String> conditions, double alpha, boolean pairedPrompts, @JsonIgnore List<TrialOutcome> outcomes,
                             List<AblationLevel> levels, Optional<AblationAccuracy> accuracy) implements ExperimentTrials {
    public AblationResult {
        java.util.Objects.requireNonNull(accuracy, "accuracy");
        conditions = List.copyOf(conditions);
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

}
