package dev.servebench.advise;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * vLLM scheduler settings for a goal (rule S1).
 *
 * @param schedulerSteps multi-step scheduling of the V0 engine; only emitted for versions that have it (C11)
 */
public record SchedulingProfile(String name, int maxNumSeqs, int maxNumBatchedTokens, int schedulerSteps,
                                double gpuMemoryUtilization) {

    private static final JsonNode DATA = DataFiles.read("scheduling-profiles.json");

    public static SchedulingProfile forGoal(Goal goal) {
        JsonNode p = DATA.path("profiles").path(goal.key());
        return new SchedulingProfile(p.path("name").asText(), p.path("max_num_seqs").asInt(),
                p.path("max_num_batched_tokens").asInt(), p.path("scheduler_steps").asInt(),
                p.path("gpu_memory_utilization").asDouble());
    }

    /** Utilization given up for vision models' encoder headroom (rule S2). */
    public static double visionHeadroom() {
        return DATA.path("vision_headroom").path("value").asDouble();
    }
}
