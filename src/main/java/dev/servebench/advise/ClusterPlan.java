package dev.servebench.advise;

import dev.servebench.sim.cluster.ClusterShape;

import java.util.List;

/**
 * The advisor's answer for a cluster: a plan per role, where every instance runs, and the cluster-wide
 * decisions (shape, placement, KV connector, backends both roles must share).
 *
 * @param roles prefill then decode for a disaggregated shape; one replica role for an aggregated one
 */
public record ClusterPlan(String modelName, ClusterShape shape, int nodes, int gpusPerNode, List<RolePlan> roles,
                          List<Decision> decisions, List<String> warnings) {
    public ClusterPlan {
        roles = List.copyOf(roles);
        decisions = List.copyOf(decisions);
        warnings = List.copyOf(warnings);
    }

    public boolean disaggregated() {
        return shape instanceof ClusterShape.Disaggregated;
    }

    public RolePlan role(Role r) {
        return roles.stream().filter(p -> p.role() == r).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plan has no " + r.key() + " role"));
    }

    public int gpusUsed() {
        return roles.stream().mapToInt(RolePlan::gpus).sum();
    }

    /** The cluster-wide decision for {@code setting}, for tests and renderers. */
    public Decision decision(String setting) {
        return decisions.stream().filter(d -> d.setting().equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cluster plan has no decision '" + setting + "'"));
    }
}
