package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An experiment's analysis that ran trials: each trial's seed and cache check go into the stored analysis. */
public interface ExperimentTrials {
    List<TrialOutcome> outcomes();

    @JsonProperty("run_ids")
    default List<String> runIds() {
        return outcomes().stream().map(TrialOutcome::runId).flatMap(java.util.Optional::stream).toList();
    }

    @JsonProperty("trials")
    default List<TrialSeed> trials() {
        return outcomes().stream().map(TrialSeed::of).toList();
    }
}
