package dev.servebench.experiment;

import dev.servebench.eval.TaskAccuracy;

import java.util.List;

/** One condition's accuracy per task. */
public record ConditionAccuracy(String condition, List<TaskAccuracy> tasks) {
    public ConditionAccuracy {
        tasks = List.copyOf(tasks);
    }
}
