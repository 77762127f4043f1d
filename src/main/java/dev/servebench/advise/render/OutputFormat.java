package dev.servebench.advise.render;

import dev.servebench.BadInputException;
import java.util.Locale;

/** The {@code --format} choices. */
public enum OutputFormat {
    TEXT(new TextPlanRenderer()),
    JSON(new JsonPlanRenderer()),
    SHELL(new ShellPlanRenderer()),
    DOCKER(new DockerPlanRenderer()),
    K8S(new KubernetesPlanRenderer());

    private final PlanRenderer renderer;

    OutputFormat(PlanRenderer renderer) {
        this.renderer = renderer;
    }

    public PlanRenderer renderer() {
        return renderer;
    }

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown format '" + text + "'; use text, json, shell, docker or k8s");
        }
    }
}
