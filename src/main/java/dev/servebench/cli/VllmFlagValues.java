package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.OnlineQuantization;

import java.util.Locale;

/** vLLM's names for the values of its flags that several commands take, read the way vLLM reads them. */
final class VllmFlagValues {
    private VllmFlagValues() {
    }

    /** {@code --kv-cache-dtype}: auto, fp8 or fp8_ds_mla. */
    static KvCacheDtype kvCacheDtype(String text) {
        for (KvCacheDtype d : KvCacheDtype.values()) {
            if (d.vllmName().equals(text.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BadInputException("--kv-cache-dtype must be auto, fp8 or fp8_ds_mla, got " + text);
    }

    /** {@code --quantization} applied at load; none when the flag is absent. */
    static OnlineQuantization onlineQuantization(String text) {
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
