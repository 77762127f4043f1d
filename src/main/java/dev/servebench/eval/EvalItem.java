package dev.servebench.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * One question of a task.
 *
 * @param id        the row's id column, else its line number: pairs the item across conditions
 * @param prompt    the text sent (the format's template filled in)
 * @param expected  what the grader checks against: a number (GSM8K), a letter (MMLU), a regular expression
 * @param reference a whole right answer when the row has one (GSM8K's worked solution, a regex task's example)
 */
public record EvalItem(String id, String prompt, String expected, Optional<String> reference) {
    public EvalItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(reference, "reference");
    }
}
