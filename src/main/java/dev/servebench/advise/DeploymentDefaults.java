package dev.servebench.advise;

import com.fasterxml.jackson.databind.JsonNode;

/** Fixed deployment settings from {@code deployment-defaults.json}. */
public final class DeploymentDefaults {

    private static final JsonNode DATA = DataFiles.read("deployment-defaults.json");

    private DeploymentDefaults() {
    }

    public static int kvOffloadingSizeGib() {
        return DATA.path("kv_offloading_size_gib").path("value").asInt();
    }

    public static int defaultContextTokens() {
        return DATA.path("default_context_tokens").path("value").asInt();
    }

    public static int port() {
        return DATA.path("port").path("value").asInt();
    }

    public static String image(boolean rocm, VllmVersion version) {
        return DATA.path(rocm ? "rocm_image" : "cuda_image").path("value").asText().replace("{version}", version.toString());
    }
}
