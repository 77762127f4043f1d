package dev.servebench.experiment;

import dev.servebench.eval.AccuracyComparison;
import dev.servebench.eval.AccuracyVerdict;
import dev.servebench.eval.TaskResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ablation's accuracy: each condition's per task, and every condition after the first against the first,
 * per task (McNemar's exact test when both asked the same items, which one task file guarantees).
 */
public record AblationAccuracy(List<ConditionAccuracy> conditions, List<AccuracyComparison> comparisons) {
    public AblationAccuracy {
        conditions = List.copyOf(conditions);
        comparisons = List.copyOf(comparisons);
    }

    /** @param results per condition, in the ablation's order (the first is the reference) */
    static AblationAccuracy of(List<String> order, Map<String, List<TaskResult>> results, double alpha) {
        String reference = order.getFirst();
        List<ConditionAccuracy> conditions = new ArrayList<>();
        List<AccuracyComparison> comparisons = new ArrayList<>();
        for (String condition : order) {
            List<TaskResult> tasks = results.get(condition);
            conditions.add(new ConditionAccuracy(condition, tasks.stream().map(TaskResult::accuracy).toList()));
            if (condition.equals(reference)) {
                continue;
            }
            List<TaskResult> ref = results.get(reference);
            for (int t = 0; t < ref.size(); t++) {
                comparisons.add(AccuracyComparison.of(condition, reference, ref.get(t), tasks.get(t), alpha));
            }
        }
        return new AblationAccuracy(conditions, comparisons);
    }

    public boolean regression() {
        return comparisons.stream().anyMatch(c -> c.verdict() == AccuracyVerdict.REGRESSION);
    }
}
