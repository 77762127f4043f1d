package dev.servebench.experiment;

import java.util.Objects;

/**
 * An ablation's accuracy check: once per condition, on a freshly prepared server, before or after all its
 * speed runs.
 */
public record AccuracyPlan(AccuracyCheck check, When when) {
    public AccuracyPlan {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(when, "when");
    }

    public enum When {
        BEFORE, AFTER
    }
}
