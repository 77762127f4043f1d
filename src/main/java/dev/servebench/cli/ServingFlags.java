package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.OnlineQuantization;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * vLLM's per-instance serving flags that {@code sim}, {@code predict} and {@code plan} all take, with vLLM's names
 * and defaults, read the way vLLM reads them.
 */
final class ServingFlags {
    @Option(names = "--max-num-seqs", paramLabel = "N", defaultValue = "1024",
            description = "Per instance (default: ${DEFAULT-VALUE}).")
    int maxNumSeqs;

    @Option(names = "--max-num-batched-tokens", paramLabel = "N", defaultValue = "8192",
            description = "Per instance (default: ${DEFAULT-VALUE}).")
    int maxNumBatchedTokens;

    @Option(names = "--kv-cache-dtype", paramLabel = "auto|fp8|fp8_ds_mla", defaultValue = "auto",
            description = "Default: ${DEFAULT-VALUE}.")
    String kvCacheDtype;

    @Option(names = "--quantization", paramLabel = "fp8|ptpc_fp8", description = "Online quantization at load.")
    String quantization;

    KvCacheDtype kvCacheDtype() {
        return kvCacheDtype(kvCacheDtype);
    }

    OnlineQuantization onlineQuantization() {
        return onlineQuantization(quantization);
    }

    /** {@code --kv-cache-dtype}: auto, fp8 or fp8_ds_mla. */
    private static KvCacheDtype kvCacheDtype(String text) {
        for (KvCacheDtype d : KvCacheDtype.values()) {
            if (d.vllmName().equals(text.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BadInputException("--kv-cache-dtype must be auto, fp8 or fp8_ds_mla, got " + text);
    }

    /** {@code --quantization} applied at load; none when the flag is absent. */
    private static OnlineQuantization onlineQuantization(String text) {
        if (text == null) {
            return OnlineQuantization.NONE;
        }
        for (OnlineQuantization q : OnlineQuantization.values()) {
            if (text.equalsIgnoreCase(q.vllmName() == null ? "none" : q.vllmName())) {
                return q;
            }
        }
        throw new BadInputException("--quantization must be fp8 or ptpc_fp8, got " + text);
    }
}
