package dev.servebench.store;

import java.util.List;
import java.util.Optional;

/**
 * One accuracy check ({@code eval}, or one condition of {@code experiment ablation --eval}): its tasks
 * as {@code eval_results} holds them, one row each, all with the same id, time, target and folder.
 */
public record StoredEvalCheck(String id, List<StoredEval> tasks) {
    public StoredEvalCheck {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("an accuracy check has at least one task");
        }
        tasks = List.copyOf(tasks);
    }

    private StoredEval first() {
        return tasks.getFirst();
    }

    public long createdEpochMillis() {
        return first().createdEpochMillis();
    }

    public String targetUrl() {
        return first().targetUrl();
    }

    public String model() {
        return first().model();
    }

    public String resultsFolder() {
        return first().resultsFolder();
    }

    public Optional<String> experimentId() {
        return first().experimentId();
    }

    public Optional<String> condition() {
        return first().condition();
    }
}
