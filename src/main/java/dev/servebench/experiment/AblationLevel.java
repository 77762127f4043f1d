package dev.servebench.experiment;

import dev.servebench.bench.LevelMetric;
import dev.servebench.stats.SampleStatistics;

import java.util.List;

/**
 * One metric at one level across conditions.
 *
 * @param perCondition statistics in the order of the ablation's conditions
 * @param comparisons  every condition after the first against the first
 */
public record AblationLevel(String level, LevelMetric metric, List<SampleStatistics> perCondition,
                            List<ConditionComparison> comparisons) {
    public AblationLevel {
        perCondition = List.copyOf(perCondition);
        comparisons = List.copyOf(comparisons);
    }
}
