package dev.servebench.advise.render;

import dev.servebench.BadInputException;
import dev.servebench.advise.ClusterPlan;

import java.util.Locale;
import java.util.function.Function;

/** The {@code --format} choices for a cluster plan (--nodes, --replicas or --disaggregate). */
public enum ClusterFormat {
    TEXT(ClusterTextRenderer::render),
    SHELL(ClusterTextRenderer::launchLines),
    LLM_D(LlmdPlanRenderer::render);

    private final Function<ClusterPlan, String> renderer;

    ClusterFormat(Function<ClusterPlan, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ClusterPlan plan) {
        return renderer.apply(plan);
    }

    /** Whether {@code text} names a format only cluster plans have (so a single-node request can say so). */
    public static boolean clusterOnly(String text) {
        return text.trim().equalsIgnoreCase("llm-d");
    }

    public static ClusterFormat parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "shell" -> SHELL;
            case "llm-d" -> LLM_D;
            default -> throw new BadInputException("format '" + text + "' is not available for a cluster plan; use "
                    + "text, shell or llm-d");
        };
    }
}
