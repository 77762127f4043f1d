package dev.servebench.dataset;

import dev.servebench.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of dataset file servebench reads; {@link #cliName()} is what the command line calls them. */
public enum DatasetKind {
    /** A JSON array of {@code {"id", "conversations": [{"from", "value"}, ...]}} (ShareGPT / Vicuna). */
    SHAREGPT,
    /** servebench's own JSON Lines: {@code prompt}, optional {@code output_tokens}, {@code images}, {@code id}. */
    JSONL,
    /** A Hugging Face dataset saved locally, as JSON Lines ({@code .jsonl}, {@code .json}) or {@code .parquet}. */
    HF;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "sharegpt", "jsonl" or "hf" (any case); anything else is the user's mistake, answered with the choices. */
    public static DatasetKind parse(String text) {
        for (DatasetKind kind : values()) {
            if (kind.cliName().equalsIgnoreCase(text.strip())) {
                return kind;
            }
        }
        throw new BadInputException("unknown dataset kind '" + text + "'; use one of " + choices());
    }

    static String choices() {
        return Arrays.stream(values()).map(k -> k.cliName() + ":FILE").collect(Collectors.joining(", "));
    }
}
