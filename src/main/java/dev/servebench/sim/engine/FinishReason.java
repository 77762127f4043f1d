package dev.servebench.sim.engine;

/** Why a sequence stopped, as OpenAI's {@code finish_reason} spells it. */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    /** Removed by the caller (client went away) before it finished. */
    ABORT("abort");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
