package dev.servebench.eval;

/**
 * A task's accuracy with its 95 % Wilson interval (fractions, 0..1).
 *
 * @param failedRequests requests that failed (counted as wrong answers)
 */
public record TaskAccuracy(String task, String format, int items, int correct, int failedRequests,
                           double accuracy, double ciLow, double ciHigh) {
}
