package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A repeat's analysis: per level, mean, stdev, CoV, 95 % CI and relative range of every metric.
 *
 * @param ciTargetMet whether {@code --until-ci} was reached (true when no target was set)
 */
public record RepeatResult(@JsonIgnore List<TrialOutcome> outcomes, List<LevelStatistics> levels,
                           boolean ciTargetMet) implements ExperimentTrials {
    public RepeatResult {
        outcomes = List.copyOf(outcomes);
        levels = List.copyOf(levels);
    }

}
