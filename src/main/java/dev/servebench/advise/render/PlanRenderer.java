package dev.servebench.advise.render;

import dev.servebench.advise.DeploymentPlan;

/** Turns a plan into one output format. */
public sealed interface PlanRenderer
        permits TextPlanRenderer, JsonPlanRenderer, ShellPlanRenderer, DockerPlanRenderer, KubernetesPlanRenderer {

    String render(DeploymentPlan plan);
}
