package dev.servebench.eval;

import java.util.List;

/** A task's items, each asked and graded, in the file's order. */
public record TaskResult(EvalTask task, List<ItemResult> items) {
    public TaskResult {
        items = List.copyOf(items);
    }

    public int correct() {
        return (int) items.stream().filter(ItemResult::correct).count();
    }

    public int failedRequests() {
        return (int) items.stream().filter(i -> i.error().isPresent()).count();
    }

    public List<ItemResult> wrong() {
        return items.stream().filter(i -> !i.correct()).toList();
    }

    /** The figures stored and reported, without the items. */
    public TaskAccuracy accuracy() {
        int n = items.size();
        int right = correct();
        WilsonInterval ci = WilsonInterval.of(right, n);
        return new TaskAccuracy(task.name(), task.format().key(), n, right, failedRequests(), n == 0 ? Double.NaN
                : (double) right / n, ci.low(), ci.high());
    }
}
