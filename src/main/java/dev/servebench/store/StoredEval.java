package dev.servebench.store;

import java.util.Optional;

/**
 * One task of an accuracy check, as stored in {@code eval_results}.
 *
 * @param experimentId the ablation it belongs to, with {@code condition}; both empty for a plain {@code eval}
 * @param targetUrl    with any credentials masked
 * @param accuracy     fraction right, 0..1, with its 95 % Wilson interval
 */
public record StoredEval(String evalId, String task, long createdEpochMillis, Optional<String> experimentId,
                         Optional<String> condition, String targetUrl, String model, String taskFormat,
                         String taskFile, int items, int correct, int failedRequests, double accuracy,
                         double ci95Low, double ci95High, String resultsFolder) {
}
