package dev.servebench.advise;

import com.fasterxml.jackson.databind.JsonNode;

/** Fixed deployment settings from {@code deployment-defaults.json}. */
public final class DeploymentDefaults {

    private static final JsonNode DATA = DataFiles.read("deployment-defaults.json");

    private DeploymentDefaults() {
    }

    /** How often a Kubernetes probe runs and how many failures in a row it tolerates. */
    public record ProbeTiming(int periodSeconds, int failureThreshold) {
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

    /** The port the decode pod's vLLM listens on behind llm-d's routing sidecar (which takes {@link #port()}). */
    public static int llmdDecodeVllmPort() {
        return DATA.path("llmd_decode_vllm_port").path("value").asInt();
    }

    public static String llmdRoutingSidecarImage() {
        return DATA.path("llmd_routing_sidecar_image").path("value").asText();
    }

    /** NixlConnector's handshake port (VLLM_NIXL_SIDE_CHANNEL_PORT). */
    public static int nixlSideChannelPort() {
        return DATA.path("nixl_side_channel_port").path("value").asInt();
    }

    /**
     * UCX's settings for NIXL's KV transfers over {@code network} ("rdma" or "tcp"): the transports (named for the
     * GPU's runtime, as UCX's CUDA and ROCm builds name them) and, for RDMA, the rendezvous protocol.
     */
    public static java.util.Map<String, String> ucxEnv(String network, boolean rocm) {
        JsonNode n = DATA.path("kv_transfer_ucx").path(network);
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("UCX_TLS", n.path("ucx_tls").path(rocm ? "rocm" : "cuda").asText());
        if (n.has("ucx_rndv_scheme")) {
            env.put("UCX_RNDV_SCHEME", n.path("ucx_rndv_scheme").asText());
            env.put("UCX_RNDV_THRESH", n.path("ucx_rndv_thresh").asText());
        }
        return env;
    }

    /** The Kubernetes extended resource the RDMA device plugin offers for one RDMA NIC. */
    public static String rdmaNicResource() {
        return DATA.path("kv_transfer_ucx").path("rdma").path("nic_resource").asText();
    }

    public static String image(boolean rocm, VllmVersion version) {
        return DATA.path(rocm ? "rocm_image" : "cuda_image").path("value").asText().replace("{version}", version.toString());
    }

    /** The size limit of the memory-backed {@code /dev/shm} volume, as a Kubernetes quantity. */
    public static String shmSizeLimit(boolean rocm) {
        return DATA.path("shm_size_limit").path(rocm ? "rocm" : "cuda").asText();
    }

    public static ProbeTiming startupProbe() {
        return probe("startup_probe");
    }

    public static ProbeTiming readinessProbe() {
        return probe("readiness_probe");
    }

    public static ProbeTiming livenessProbe() {
        return probe("liveness_probe");
    }

    private static ProbeTiming probe(String key) {
        JsonNode p = DATA.path(key);
        return new ProbeTiming(p.path("period_seconds").asInt(), p.path("failure_threshold").asInt());
    }
}
