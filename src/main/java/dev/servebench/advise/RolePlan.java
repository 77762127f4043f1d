package dev.servebench.advise;

import java.util.List;

/**
 * One role of a cluster plan: {@code instances} identical vLLM servers, each launched as {@code plan} says.
 *
 * @param plan one instance's plan (its gpuCount is the instance's TP)
 * @param placements where each instance runs
 */
public record RolePlan(Role role, int instances, DeploymentPlan plan, List<Placement> placements) {
    public RolePlan {
        placements = List.copyOf(placements);
    }

    public int gpus() {
        return instances * plan.gpuCount();
    }
}
