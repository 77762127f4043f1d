package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * A repeat's analysis: per level, mean, stdev, CoV, 95 % CI and relative range of every metric.
 *
 * @param ciTargetMet whether {@code --until-ci} was reached (true when no target was set)
 */
public record RepeatResult(@JsonIgnore List<TrialOutcome> outcomes, List<LevelStatistics> levels,
                           boolean ciTargetMet) {
    public RepeatResult {
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

    @JsonProperty("run_ids")
    public List<String> runIds() {
        return outcomes.stream().map(TrialOutcome::runId).flatMap(Optional::stream).toList();
    }
}
