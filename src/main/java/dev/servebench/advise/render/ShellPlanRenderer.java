package dev.servebench.advise.render;

import dev.servebench.advise.DeploymentPlan;

import java.util.List;

/** A {@code vllm serve} line with its environment. */
public final class ShellPlanRenderer implements PlanRenderer {

    @Override
    public String render(DeploymentPlan p) {
        List<String> args = LaunchCommand.serveArgs(p);
        return LaunchCommand.header(p) + "\n" + LaunchCommand.envPrefix(p.env()) + "vllm serve "
                + LaunchCommand.quote(p.modelRef())
                + LaunchCommand.continuedArgs(args.subList(2, args.size()), "  ") + "\n";
    }
}
