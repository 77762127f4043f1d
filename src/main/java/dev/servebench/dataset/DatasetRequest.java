package dev.servebench.dataset;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One request taken from a dataset. {@code promptTokens}: counted by the {@code TokenCounter} given to
 * {@link Datasets#load}. {@code outputTokens}: the forced/recorded length when the file gives one (ShareGPT:
 * tokens of the recorded answer; JSONL: {@code output_tokens}; HF: the output-tokens column, or tokens of the
 * output text column), empty otherwise. {@code images}: URLs or {@code data:} URIs, as the file has them.
 * {@code laterUserTurns}: the following human turns of a ShareGPT conversation (for multi-turn use), else empty.
 */
public record DatasetRequest(String id, String prompt, int promptTokens, OptionalInt outputTokens,
                             List<String> images, List<String> laterUserTurns) {

    public DatasetRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(outputTokens, "outputTokens");
        images = List.copyOf(images);
        laterUserTurns = List.copyOf(laterUserTurns);
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens " + promptTokens);
        }
    }
}
