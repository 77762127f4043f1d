package dev.servebench.model;

/** Element formats of the KV cache, as vLLM's {@code --kv-cache-dtype} names them. */
public enum KvCacheDtype {
    /** The model dtype (bf16 here): vLLM's {@code auto}. */
    AUTO("auto", 2),
    /** Generic FP8 (e4m3) cache with per-tensor scales. */
    FP8("fp8", 1),
    /** DeepSeek V3.2's own FP8 MLA layout on CUDA: 656 bytes per token per layer (rule C6). */
    FP8_DS_MLA("fp8_ds_mla", 1);

    /** Bytes per layer per token of {@link #FP8_DS_MLA}: 512 fp8 latent + 4 fp32 scales + 64 bf16 rope. */
    public static final int DS_MLA_BYTES_PER_TOKEN_PER_LAYER = 656;

    private final String vllmName;
    private final int bytesPerElement;

    KvCacheDtype(String vllmName, int bytesPerElement) {
        this.vllmName = vllmName;
        this.bytesPerElement = bytesPerElement;
    }

    public String vllmName() {
        return vllmName;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }
}
