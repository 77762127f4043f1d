package dev.servebench.advise.render;

import dev.servebench.advise.ClusterPlan;
import dev.servebench.advise.Decision;
import dev.servebench.advise.DeploymentDefaults;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.MemoryEstimate;
import dev.servebench.advise.RolePlan;

/** The readable cluster plan: cluster decisions, then each role's decisions, memory and launch line. */
final class ClusterTextRenderer {

    private ClusterTextRenderer() {
    }

    static String render(ClusterPlan c, ManifestOptions options) {
        DeploymentPlan first = c.roles().get(0).plan();
        StringBuilder sb = new StringBuilder();
        sb.append("servebench advise: ").append(c.modelName()).append(" on ").append(c.nodes()).append(" node(s) x ")
                .append(c.gpusPerNode()).append(' ').append(first.gpu().name()).append(", shape ")
                .append(c.shape().label()).append(", vLLM ").append(first.version()).append(", goal ")
                .append(first.goal().key()).append("\n\nCluster\n");
        c.decisions().forEach(d -> decision(sb, d));
        for (RolePlan r : c.roles()) {
            DeploymentPlan p = r.plan();
            sb.append('\n').append(r.role().key()).append(": ").append(r.instances()).append(" instance(s) of TP ")
                    .append(p.tp()).append('\n');
            p.decisions().forEach(d -> decision(sb, d));
            MemoryEstimate m = p.memory();
            sb.append(String.format("  memory per GPU: %.1f GiB usable, %.1f GiB weights, KV %,d tokens in %.1f GiB, "
                            + "%,d sequences of %,d tokens per instance%n", m.usableGibPerGpu(), m.weightGibPerGpu(),
                    m.kvCapacityTokens(), m.kvGibPerGpu(), m.concurrentSequences(), m.contextTokens()));
            p.warnings().forEach(w -> sb.append("  ! ").append(w).append('\n'));
        }
        if (!c.warnings().isEmpty()) {
            sb.append("\nWarnings\n");
            c.warnings().forEach(w -> sb.append("  ! ").append(w).append('\n'));
        }
        sb.append("\nLaunch (one per instance)\n");
        launchLines(c, options).lines().forEach(l -> sb.append("  ").append(l).append('\n'));
        return sb.toString();
    }

    /** One {@code vllm serve} line per role, preceded by a comment naming the role and its instances. */
    static String launchLines(ClusterPlan c, ManifestOptions options) {
        StringBuilder sb = new StringBuilder();
        if (c.disaggregated()) {
            // Every instance of both roles needs UCX's transports for NIXL's KV transfers.
            KvNetwork network = options.kvNetwork().orElseGet(() -> KvNetwork.defaultFor(c.roles().getFirst().plan().gpu()));
            sb.append("# KV over ").append(network.key()).append(" (NIXL through UCX), in every instance's environment:\n")
                    .append("export ").append(LaunchCommand.envPrefix(DeploymentDefaults.ucxEnv(network.key(),
                            c.roles().getFirst().plan().gpu().isRocm())).strip()).append('\n');
        }
        for (RolePlan r : c.roles()) {
            sb.append("# ").append(r.role().key()).append(": ").append(r.instances()).append(" instance(s), on ")
                    .append(r.placements().stream().map(p -> "node " + p.node() + " GPUs " + p.firstGpu() + "-"
                            + (p.firstGpu() + p.gpus() - 1)).reduce((a, b) -> a + "; " + b).orElse("")).append('\n');
            sb.append(new ShellPlanRenderer().render(r.plan()).lines().skip(1)
                    .reduce((a, b) -> a + "\n" + b).orElse("")).append('\n');
        }
        return sb.toString();
    }

    private static void decision(StringBuilder sb, Decision d) {
        sb.append(String.format("  %-38s %-24s [%s] %s%n", d.setting(), d.value(), d.rule(), d.why()));
    }
}
