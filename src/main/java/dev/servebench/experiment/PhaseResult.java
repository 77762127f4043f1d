package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/** Prefill and decode capacity measured separately, then together. */
public record PhaseResult(@JsonIgnore List<TrialOutcome> outcomes, List<PhaseLevel> levels) {
    public PhaseResult {
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

    @JsonProperty("run_ids")
    public List<String> runIds() {
        return outcomes.stream().map(TrialOutcome::runId).flatMap(Optional::stream).toList();
    }
}
