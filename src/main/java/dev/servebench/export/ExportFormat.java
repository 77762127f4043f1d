package dev.servebench.export;

import dev.servebench.BadInputException;

import java.util.Locale;

/** What {@code runs export --format} writes. */
public enum ExportFormat {
    /** The whole run as one servebench JSON document. */
    JSON("json"),
    /** One CSV row per level, or per request with {@code --requests}. */
    CSV("csv"),
    /** vLLM's {@code benchmark_serving.py --save-result} JSON, one document per level. */
    VLLM_JSON("vllm-json"),
    /** The run's requests as a Parquet file. */
    PARQUET("parquet");

    private final String cliName;

    ExportFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static ExportFormat parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.cliName.equals(t)) {
                return f;
            }
        }
        throw new BadInputException("unknown --format '" + text + "'; use json, csv, vllm-json or parquet");
    }
}
