package dev.servebench.advise;

import java.util.Locale;

/** What a cluster instance does: whole requests (aggregated replicas), or one phase of a disaggregated pair. */
public enum Role {
    REPLICA, PREFILL, DECODE;

    /** The value of llm-d's {@code llm-d.ai/role} pod label for this role. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
