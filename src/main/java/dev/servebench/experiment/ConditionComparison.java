package dev.servebench.experiment;

import dev.servebench.stats.Verdict;
import dev.servebench.stats.WelchComparison;

/** One condition against the reference condition, for one metric at one level. */
public record ConditionComparison(String condition, String reference, WelchComparison welch, Verdict verdict) {
}
