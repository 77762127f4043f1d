package dev.servebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Calibration constants for memory estimates, loaded from {@code memory-calibration.json}
 * where each value carries its source.
 *
 * @param embeddingsReplicatedPerRank whether each rank holds whole embedding and lm_head matrices
 * @param runtimeReserveGib per-GPU memory outside weights and KV: graphs, collectives buffers, allocator slack
 * @param activationBytesPerBatchedTokenPerHidden peak activation bytes per scheduled token per hidden unit
 * @param vitActivationGib extra per-GPU activation peak of a vision encoder's profiling pass
 */
public record MemoryCalibration(boolean embeddingsReplicatedPerRank, double runtimeReserveGib,
                                double activationBytesPerBatchedTokenPerHidden, double vitActivationGib) {

    private static final String RESOURCE = "memory-calibration.json";
    private static final MemoryCalibration DEFAULT = load();

    public static MemoryCalibration defaults() {
        return DEFAULT;
    }

    private static MemoryCalibration load() {
        try (InputStream in = MemoryCalibration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            return new MemoryCalibration(
                    root.path("embeddings_replicated_per_rank").path("value").asBoolean(),
                    root.path("runtime_reserve_gib").path("value").asDouble(),
                    root.path("activation_bytes_per_batched_token_per_hidden").path("value").asDouble(),
                    root.path("vit_activation_gib").path("value").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
