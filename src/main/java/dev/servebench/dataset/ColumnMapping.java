package dev.servebench.dataset;


import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which field (JSON Lines) or column (Parquet) of a row holds each part of a request.
 *
 * <p>{@code output} names a text column (the recorded answer, whose tokens become the forced output length);
 * {@code outputTokens} names an integer column with that length directly, and wins when both are given.
 * {@code images}: a list of image URLs or {@code data:} URIs, or one such string. {@code id}: any scalar.
 */
public record ColumnMapping(String prompt, Optional<String> output, Optional<String> outputTokens,
                            Optional<String> images, Optional<String> id) {

    /** The keys {@link #parse} understands, in the order they are documented. */
    public static final String KEYS = "prompt, output, output_tokens, images, id";

    public ColumnMapping {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputTokens, "outputTokens");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(id, "id");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt column name is blank");
        }
    }

    /**
     * {@code "prompt=question,output=answer,output_tokens=n,images=imgs,id=qid"}: any subset, in any order.
     * A key left out is not read, except {@code prompt}, which stays {@code prompt}.
     */
    public static ColumnMapping parse(String text) {
        Map<String, String> values = ColumnAssignments.parse(text, "column mapping", KEYS,
                "prompt=question,output=answer");
        return new ColumnMapping(values.getOrDefault("prompt", "prompt"),
                Optional.ofNullable(values.get("output")),
                Optional.ofNullable(values.get("output_tokens")),
                Optional.ofNullable(values.get("images")),
                Optional.ofNullable(values.get("id")));
    }

    /**
     * The columns read when none are named. JSONL: {@code prompt}, {@code output_tokens}, {@code images},
     * {@code id}, the optional ones wherever a row has them. HF: {@code prompt}, and {@code output} when the
     * file has such a column. ShareGPT has a fixed layout and no columns; its mapping is only {@code prompt}.
     */
    public static ColumnMapping defaults(DatasetKind kind) {
        return switch (kind) {
            case JSONL -> new ColumnMapping("prompt", Optional.empty(), Optional.of("output_tokens"),
                    Optional.of("images"), Optional.of("id"));
            case HF -> new ColumnMapping("prompt", Optional.of("output"), Optional.empty(), Optional.empty(),
                    Optional.empty());
            case SHAREGPT -> new ColumnMapping("prompt", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        };
    }

    /** The mapping in {@link #parse}'s syntax. */
    public String text() {
        StringBuilder out = new StringBuilder("prompt=").append(prompt);
        output.ifPresent(c -> out.append(",output=").append(c));
        outputTokens.ifPresent(c -> out.append(",output_tokens=").append(c));
        images.ifPresent(c -> out.append(",images=").append(c));
        id.ifPresent(c -> out.append(",id=").append(c));
        return out.toString();
    }
}
