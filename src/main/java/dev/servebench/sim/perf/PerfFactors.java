package dev.servebench.sim.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Reads {@code perf-factors.json}: hardware fractions per accelerator (achievable HBM and link bandwidth), and per
 * kernel path (the serving stack: engine and kernel library) everything else, the engine's per-step host cost,
 * its all-reduce latency and its GEMMs' roofline corner included.
 */
public final class PerfFactors {
    private static final String RESOURCE = "perf-factors.json";
    private static final PerfFactors BUILT_IN = load();

    private final JsonNode root;

    private PerfFactors(JsonNode root) {
        this.root = root;
    }

    public static PerfFactors builtIn() {
        return BUILT_IN;
    }

    public static PerfFactors parse(String json) {
        try {
            return new PerfFactors(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("perf factors are not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The factors for an accelerator (its hardware fractions, or "default" for one without an entry) on a kernel
     * path (the stack's kernel efficiencies and engine costs).
     */
    public EfficiencyFactors factors(String acceleratorId, KernelPath path, ModelShape shape) {
        String attention = shape.attentionKind() == ModelShape.AttentionKind.STANDARD ? "standard"
                : shape.sparseTopK() > 0 ? "sparse_mla" : "mla";
        String precision = shape.gemmPrecision().name().toLowerCase(Locale.ROOT);
        JsonNode accel = root.path("accelerators").path(acceleratorId.toLowerCase(Locale.ROOT));
        JsonNode fallback = root.path("accelerators").path("default");
        JsonNode kernels = root.path("kernel_paths").path(path.key());
        if (kernels.isMissingNode()) {
            throw new IllegalArgumentException("perf factors have no kernel path '" + path.key() + "'");
        }
        return new EfficiencyFactors(
                value(accel, fallback, "hbm_efficiency"),
                value(accel, fallback, "link_efficiency"),
                value(kernels, kernels, "allreduce_latency_us"),
                value(kernels, kernels, "step_overhead_us"),
                keyed(kernels, "layer_overhead_us", attention, Double.NaN),
                value(kernels.path("gemm_efficiency"), kernels.path("gemm_efficiency"),
                        precision),
                value(kernels, kernels, "moe_efficiency"),
                value(kernels.path("attention_efficiency"), kernels.path("attention_efficiency"), attention),
                value(kernels.path("sequence_layer_overhead_us"), kernels.path("sequence_layer_overhead_us"),
                        attention),
                keyed(kernels, "gemm_bandwidth_efficiency", precision, 1.0),
                keyed(kernels, "moe_bandwidth_efficiency", precision, 1.0),
                optional(kernels, kernels, "roofline_exponent", 0));
    }

    /**
     * Empty when {@code path}'s factors were fitted or measured on this accelerator; otherwise the line every
     * prediction that uses them must carry: which GPU they come from, so nobody reads an extrapolation as a
     * calibrated figure.
     */
    public java.util.Optional<String> uncalibrated(String acceleratorId, KernelPath path) {
        JsonNode on = root.path("kernel_paths").path(path.key()).path("calibrated_on");
        java.util.List<String> gpus = new java.util.ArrayList<>();
        on.path("accelerators").forEach(a -> gpus.add(a.asText()));
        if (gpus.contains(acceleratorId.toLowerCase(Locale.ROOT))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("UNCALIBRATED: " + acceleratorId + " on " + path.key() + ": "
                + (gpus.isEmpty() ? "no GPU's measurements set these kernel factors"
                : "the kernel factors were fitted or measured on " + String.join(", ", gpus) + ", not on "
                + acceleratorId) + " (" + on.path("source").asText("perf-factors.json") + "); expect larger errors "
                + "than docs/calibration.md shows");
    }

    /**
     * A factor given either as one {@code {"value": x}} or per key ({@code {"bf16": {"value": x}, ...}});
     * {@code absent} when the factor is missing (NaN: required).
     */
    private static double keyed(JsonNode parent, String name, String key, double absent) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() && !Double.isNaN(absent)) {
            return absent;
        }
        if (node.has("value")) {
            return value(parent, parent, name);
        }
        JsonNode v = node.path(key).path("value");
        if (v.isMissingNode() && !Double.isNaN(absent)) {
            return absent;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("perf factors lack a numeric '" + name + "/" + key + "'");
        }
        return v.asDouble();
    }

    private static double optional(JsonNode primary, JsonNode fallback, String name, double absent) {
        if (primary.path(name).path("value").isMissingNode() && fallback.path(name).path("value").isMissingNode()) {
            return absent;
        }
        return value(primary, fallback, name);
    }

    private static double value(JsonNode primary, JsonNode fallback, String name) {
        JsonNode n = primary.path(name).path("value");
        if (n.isMissingNode()) {
            n = fallback.path(name).path("value");
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("perf factors lack a numeric '" + name + "'");
        }
        return n.asDouble();
    }

    private static PerfFactors load() {
        try (InputStream in = PerfFactors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new PerfFactors(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
