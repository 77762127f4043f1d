package dev.servebench.eval;

import dev.servebench.dataset.ColumnAssignments;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which field of a task file's rows holds each part of a question. Each format has the layout its
 * dataset publishes as defaults ({@link TaskFormat#defaultColumns()}); {@code --task-columns} renames any of them.
 *
 * @param prompt  the question text
 * @param answer  GSM8K: the worked answer ending "#### N" (or a bare number); MMLU: the index or letter of the
 *                right option; regex: the pattern
 * @param choices MMLU: one list column, or several columns joined by '+' ({@code A+B+C+D}, as lukaemon/mmlu)
 * @param id      read when present; rows without it are numbered by line
 * @param example regex: a right answer, which the simulator's oracle sends
 */
public record TaskColumns(String prompt, String answer, Optional<String> choices, Optional<String> id,
                          Optional<String> example) {

    public static final String KEYS = "prompt, answer, choices, id, example";

    public TaskColumns {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(example, "example");
    }

    static TaskColumns of(String prompt, String answer, String choices, String id, String example) {
        return new TaskColumns(prompt, answer, Optional.ofNullable(choices), Optional.ofNullable(id),
                Optional.ofNullable(example));
    }

    /** The choice columns: one list column, or several plain ones. */
    List<String> choiceColumns() {
        return choices.map(c -> List.of(c.split("\\+"))).orElse(List.of());
    }

    /** {@code "prompt=input,choices=A+B+C+D,answer=target"}: the keys given replace the defaults' columns. */
    public TaskColumns override(String text) {
        Map<String, String> values = ColumnAssignments.parse(text, "--task-columns", KEYS,
                "prompt=input,answer=target");
        return new TaskColumns(values.getOrDefault("prompt", prompt), values.getOrDefault("answer", answer),
                Optional.ofNullable(values.get("choices")).or(() -> choices),
                Optional.ofNullable(values.get("id")).or(() -> id),
                Optional.ofNullable(values.get("example")).or(() -> example));
    }
}
