package dev.servebench.advise.render;

import dev.servebench.BadInputException;
import dev.servebench.advise.ClusterPlan;

import java.util.Locale;
import java.util.function.BiFunction;

/** The {@code --format} choices for a cluster plan (--nodes, --replicas or --disaggregate). */
public enum ClusterFormat {
    TEXT(ClusterTextRenderer::render),
    SHELL(ClusterTextRenderer::launchLines),
    LLM_D(LlmdPlanRenderer::render),
    /** Replicas as one Deployment of N pods and its Service; prefill/decode pools need llm-d's routing: llm-d. */
    K8S(ClusterFormat::kubernetes);

    private final BiFunction<ClusterPlan, ManifestOptions, String> renderer;

    ClusterFormat(BiFunction<ClusterPlan, ManifestOptions, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ClusterPlan plan) {
        return render(plan, ManifestOptions.DEFAULT);
    }

    public String render(ClusterPlan plan, ManifestOptions options) {
        if (options.onePerNode()) {
            checkOnePerNode(plan);
        }
        return renderer.apply(plan, options);
    }

    /** Whether {@code text} names a format only cluster plans have (so a single-node request can say so). */
    public static boolean clusterOnly(String text) {
        return text.trim().equalsIgnoreCase("llm-d");
    }

    private static void checkOnePerNode(ClusterPlan c) {
        if (c.disaggregated()) {
            throw new BadInputException("--one-per-node spreads replicas; " + c.shape().label() + " is prefill and "
                    + "decode pools, which llm-d places by their GPUs: drop --one-per-node");
        }
        int replicas = c.roles().getFirst().instances();
        if (replicas > c.nodes()) {
            throw new BadInputException("--one-per-node puts one replica on each node, but " + c.shape().label()
                    + " has " + replicas + " replicas on " + c.nodes() + " node(s): drop --one-per-node or give "
                    + "--nodes " + replicas);
        }
    }

    private static String kubernetes(ClusterPlan c, ManifestOptions options) {
        if (c.disaggregated()) {
            throw new BadInputException("--format k8s renders replicas; prefill and decode pools need llm-d's routing "
                    + "sidecar and scheduler: use --format llm-d");
        }
        var role = c.roles().getFirst();
        return KubernetesPlanRenderer.replicas(role.plan(), role.instances(), options.onePerNode(), "# "
                + c.modelName() + " as " + c.shape().label() + " on " + c.nodes() + " node(s) x " + c.gpusPerNode()
                + " " + role.plan().gpu().name() + ", vLLM " + role.plan().version()
                + " (servebench advise --format k8s): a Deployment of " + role.instances() + " replicas"
                + (options.onePerNode() ? ", one per node," : "") + " behind one Service\n");
    }

    public static ClusterFormat parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "shell" -> SHELL;
            case "llm-d" -> LLM_D;
            case "k8s", "kubernetes" -> K8S;
            default -> throw new BadInputException("format '" + text + "' is not available for a cluster plan; use "
                    + "text, shell, k8s (replicas) or llm-d");
        };
    }
}
