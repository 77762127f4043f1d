package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/** A fine sweep's per-level statistics and what they say about saturation. */
public record SaturationResult(@JsonIgnore List<TrialOutcome> outcomes, List<LevelStatistics> levels,
                               SaturationAnalysis analysis) {
    public SaturationResult {
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

    @JsonProperty("run_ids")
    public List<String> runIds() {
        return outcomes.stream().map(TrialOutcome::runId).flatMap(Optional::stream).toList();
    }
}
