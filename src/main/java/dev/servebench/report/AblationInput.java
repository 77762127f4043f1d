package dev.servebench.report;

import java.util.List;

/**
 * An A/B ablation to report: the runs of each condition (same workload, n runs each). The report
 * computes mean ± CI per level and condition, the difference, CoVs and a Welch t-test from them,
 * so an experiment only has to say which runs belong to which condition.
 */
public record AblationInput(String conditionA, List<ReportRun> runsA, String conditionB, List<ReportRun> runsB) {
    public AblationInput {
        runsA = List.copyOf(runsA);
        runsB = List.copyOf(runsB);
        if (runsA.isEmpty() || runsB.isEmpty()) {
            throw new IllegalArgumentException("an ablation needs at least one run per condition");
        }
    }
}
