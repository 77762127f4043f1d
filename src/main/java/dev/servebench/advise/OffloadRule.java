package dev.servebench.advise;

import dev.servebench.model.ModelArchitecture;

/** Rule C9: CPU KV-cache offloading eligibility, and when the plan turns it on. */
final class OffloadRule {

    record Choice(boolean eligible, boolean enabled, Decision decision) {
    }

    private OffloadRule() {
    }

    static Choice choose(ModelArchitecture m, VllmVersion version, Goal goal) {
        if (!VersionGates.reached(VersionGates.KV_OFFLOAD_FLAGS, version)) {
            return new Choice(false, false, decision("off", "vLLM " + version + " has no --kv-offloading flags (from "
                    + VersionGates.since(VersionGates.KV_OFFLOAD_FLAGS) + ")"));
        }
        if (m.attention().kind().isMla() && !VersionGates.reached(VersionGates.C9_MLA_OFFLOAD, version)) {
            return new Choice(false, false, decision("off (not eligible)", "CPU offloading of an MLA cache fails in vLLM "
                    + version + "; fixed in " + VersionGates.since(VersionGates.C9_MLA_OFFLOAD)));
        }
        if (m.hasVision() || goal.favoursThroughput()) {
            String reason = m.hasVision() ? "image prompts vary widely in length" : "the " + goal.key() + " goal runs the cache full";
            return new Choice(true, true, decision("native, " + DeploymentDefaults.kvOffloadingSizeGib() + " GiB",
                    "eligible; " + reason + ", so evicted blocks spill to CPU memory instead of being recomputed"));
        }
        return new Choice(true, false, decision("off (eligible)", "eligible (--kv-offloading-backend native); not needed "
                + "for the " + goal.key() + " goal"));
    }

    private static Decision decision(String value, String why) {
        return new Decision("kv-offloading", value, why, RuleId.C9);
    }
}
