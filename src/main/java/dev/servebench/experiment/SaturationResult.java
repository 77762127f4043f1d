package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** A fine sweep's per-level statistics and what they say about saturation. */
public record SaturationResult(@JsonIgnore List<TrialOutcome> outcomes, List<LevelStatistics> levels,
                               SaturationAnalysis analysis) implements ExperimentTrials {
    public SaturationResult {
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

}
