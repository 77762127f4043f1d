package dev.servebench.advise;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The vLLM releases from which version-dependent rules change, from {@code vllm-versions.json}. */
public final class VersionGates {

    /** Dense MLA's ROCm block size may exceed 1 (C5). */
    public static final String C5_DENSE_MLA_BLOCK = "c5_rocm_dense_mla_block_relaxed";
    /** AITER MLA accepts 4, 8 or multiples of 16 heads per GPU (C3). */
    public static final String C3_AITER_HEADS = "c3_aiter_mla_heads_relaxed";
    /** MLA models may offload KV to CPU (C9). */
    public static final String C9_MLA_OFFLOAD = "c9_mla_offload_fixed";
    public static final String KV_OFFLOAD_FLAGS = "kv_offload_flags";
    public static final String C11_V0_REMOVED = "c11_v0_engine_removed";
    public static final String C11_ATTENTION_BACKEND_FLAG = "c11_attention_backend_flag";
    public static final String C13_ENCODER_TP_MODE = "c13_mm_encoder_tp_mode";
    public static final String C14_QUICK_REDUCE = "c14_quick_reduce";
    /** AITER's unified attention backend for GQA/MHA on ROCm (P6). */
    public static final String P6_AITER_UNIFIED_ATTENTION = "p6_aiter_unified_attention";

    private static final Map<String, VllmVersion> SINCE = load();

    private VersionGates() {
    }

    /** Whether {@code version} includes the change named by {@code gate}. */
    public static boolean reached(String gate, VllmVersion version) {
        return version.isAtLeast(since(gate));
    }

    public static VllmVersion since(String gate) {
        VllmVersion v = SINCE.get(gate);
        if (v == null) {
            throw new IllegalStateException("vllm-versions.json lacks gate " + gate);
        }
        return v;
    }

    private static Map<String, VllmVersion> load() {
        Map<String, VllmVersion> out = new LinkedHashMap<>();
        JsonNode gates = DataFiles.read("vllm-versions.json").path("gates");
        for (Iterator<Map.Entry<String, JsonNode>> it = gates.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), VllmVersion.parse(e.getValue().path("since").asText()));
        }
        return Map.copyOf(out);
    }
}
