package dev.servebench.advise;

/**
 * AITER (AMD's kernel library) switches as used by the plan: true means the component's AITER
 * kernel serves this model. Components the model has no use for (MLA in a GQA model) are false.
 */
public record AiterSwitches(boolean master, boolean linear, boolean moe, boolean rmsnorm, boolean mha, boolean mla,
                            boolean fp8bmm) {

    public static final AiterSwitches OFF = new AiterSwitches(false, false, false, false, false, false, false);
}
