package dev.servebench.dataset;

import dev.servebench.BadInputException;

import java.util.Locale;

/** Request-arrival traces servebench replays. */
public enum TraceFormat {
    /**
     * kvcache-ai/Mooncake's JSON Lines ({@code mooncake_trace.jsonl}, the FAST'25 {@code FAST25-release/traces/*.jsonl}):
     * {@code {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47, ...]}},
     * timestamp in milliseconds from the first request, one hash id per 512-token prefix block.
     */
    MOONCAKE,
    /**
     * Azure/AzurePublicDataset's LLM inference traces (2023: {@code AzureLLMInferenceTrace_conv.csv} /
     * {@code _code.csv}; 2024: {@code *_1week.csv}): CSV {@code TIMESTAMP,ContextTokens,GeneratedTokens}.
     */
    AZURE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "mooncake" or "azure" (any case). */
    public static TraceFormat parse(String text) {
        for (TraceFormat format : values()) {
            if (format.cliName().equalsIgnoreCase(text.strip())) {
                return format;
            }
        }
        throw new BadInputException("unknown trace format '" + text + "'; use mooncake or azure");
    }
}
