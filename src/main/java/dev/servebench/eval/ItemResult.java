package dev.servebench.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * One question asked and graded.
 *
 * @param answer the server's answer text (empty when the request failed)
 * @param error  why the request failed (outcome and detail); a failed request counts as a wrong answer
 */
public record ItemResult(EvalItem item, String answer, Grade grade, Optional<String> error) {
    public ItemResult {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(error, "error");
    }

    public boolean correct() {
        return error.isEmpty() && grade.correct();
    }
}
