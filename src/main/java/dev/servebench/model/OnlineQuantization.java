package dev.servebench.model;

/** Quantization vLLM applies while loading an unquantized checkpoint ({@code --quantization}). */
public enum OnlineQuantization {
    /** Serve the checkpoint as stored. */
    NONE(null),
    /** {@code --quantization fp8}: dynamic FP8 with per-tensor weight scales. */
    FP8("fp8"),
    /** {@code --quantization ptpc_fp8}: per-token activation / per-channel weight FP8 (ROCm). */
    PTPC_FP8("ptpc_fp8");

    private final String vllmName;

    OnlineQuantization(String vllmName) {
        this.vllmName = vllmName;
    }

    /** The {@code --quantization} value, or null for none. */
    public String vllmName() {
        return vllmName;
    }
}
