package dev.servebench.experiment;

import dev.servebench.BadInputException;
import dev.servebench.bench.LevelMetric;

import java.util.HashSet;
import java.util.List;

/**
 * An ablation's shape.
 *
 * @param conditions        condition names; the first is the reference the others are compared with
 * @param runsPerCondition  runs of each condition (at least 2 for a t-test)
 * @param metrics           the metrics compared per level
 * @param alpha             significance level of the Welch test (0.05)
 */
public record AblationSettings(List<String> conditions, int runsPerCondition, List<LevelMetric> metrics,
                               double alpha) {
    public AblationSettings {
        conditions = List.copyOf(conditions);
        metrics = List.copyOf(metrics);
        if (conditions.size() < 2) {
            throw new BadInputException("an ablation needs at least two --condition, got " + conditions.size());
        }
        if (new HashSet<>(conditions).size() != conditions.size()) {
            throw new BadInputException("condition names must differ: " + conditions);
        }
        if (runsPerCondition < 2) {
            throw new BadInputException("-n must be at least 2 per condition for a t-test, got "
                    + runsPerCondition);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new BadInputException("--alpha must lie between 0 and 1");
        }
    }
}
