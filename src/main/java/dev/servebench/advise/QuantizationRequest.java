package dev.servebench.advise;

import dev.servebench.BadInputException;
import java.util.Locale;

/** The user's {@code --quantization} wish. */
public enum QuantizationRequest {
    AUTO, BF16, FP8, PTPC_FP8;

    public static QuantizationRequest parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown quantization '" + text + "'; use auto, bf16, fp8 or ptpc_fp8");
        }
    }
}
