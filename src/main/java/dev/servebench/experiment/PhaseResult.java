package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** Prefill and decode capacity measured separately, then together. */
public record PhaseResult(@JsonIgnore List<TrialOutcome> outcomes, List<PhaseLevel> levels) implements ExperimentTrials {
    public PhaseResult {
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

}
