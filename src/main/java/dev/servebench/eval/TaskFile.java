package dev.servebench.eval;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a task file: JSON Lines in the layout its dataset publishes (one object a line, as Hugging Face's
 * {@code to_json} writes). {@code KIND:PATH} names the format; a bare path is told by its first row's fields
 * (a {@code choices} list: MMLU; a {@code pattern}: regex; an {@code answer} with "####": GSM8K).
 * Nothing is downloaded: the user points at a local copy.
 */
public final class TaskFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskFile() {
    }

    /**
     * @param spec    {@code [gsm8k:|mmlu:|regex:]PATH}
     * @param columns {@code --task-columns} over the format's defaults, if given
     * @param limit   read only the first N items
     */
    public static EvalTask read(String spec, Optional<String> columns, OptionalInt limit) {
        int colon = spec.indexOf(':');
        Optional<TaskFormat> named = Optional.empty();
        String path = spec;
        if (colon > 0) {
            String prefix = spec.substring(0, colon);
            for (TaskFormat f : TaskFormat.values()) {
                if (f.key().equalsIgnoreCase(prefix)) {
                    named = Optional.of(f);
                    path = spec.substring(colon + 1);
                }
            }
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("task file " + file + " does not exist or is not a file; give a local "
                    + "JSON Lines copy, e.g. --tasks gsm8k:gsm8k/test.jsonl");
        }
        List<Row> rows = rows(file, limit);
        if (rows.isEmpty()) {
            throw new BadInputException("task file " + file + " holds no rows; each line must be one JSON object");
        }
        TaskFormat format = named.orElseGet(() -> detect(file, rows.getFirst().node()));
        TaskColumns mapping = columns.map(format.defaultColumns()::override).orElse(format.defaultColumns());
        List<EvalItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Row row : rows) {
            EvalItem item = item(format, mapping, row, file);
            if (!ids.add(item.id())) {
                throw new BadInputException(file + " line " + row.line() + ": id '" + item.id() + "' appears twice; "
                        + "items are paired across conditions by id, so ids must be unique (or name another "
                        + "column with --task-columns id=COLUMN)");
            }
            items.add(item);
        }
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new EvalTask(name, file, format, items);
    }

    /**
     * Several task files, each named by its file name; two of the same name ({@code gsm8k/test.jsonl} and
     * {@code mmlu/test.jsonl}) are named with their folder too ({@code gsm8k-test}, {@code mmlu-test}).
     */
    public static List<EvalTask> readAll(List<String> specs, Optional<String> columns, OptionalInt limit) {
        if (specs.isEmpty()) {
            throw new BadInputException("no task file given; name one or more, e.g. --tasks gsm8k:test.jsonl");
        }
        List<EvalTask> tasks = specs.stream().map(s -> read(s, columns, limit)).toList();
        List<EvalTask> named = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (EvalTask t : tasks) {
            boolean clash = tasks.stream().filter(o -> o.name().equals(t.name())).count() > 1;
            Path parent = t.file().toAbsolutePath().getParent();
            String name = clash && parent != null && parent.getFileName() != null
                    ? parent.getFileName() + "-" + t.name() : t.name();
            if (!names.add(name)) {
                throw new BadInputException("task file " + t.file() + " is given twice (or two task files share the "
                        + "name '" + name + "'); give each task once");
            }
            named.add(new EvalTask(name, t.file(), t.format(), t.items()));
        }
        return named;
    }

    private record Row(long line, JsonNode node) {
    }

    private static List<Row> rows(Path file, OptionalInt limit) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null && (limit.isEmpty() || rows.size() < limit.getAsInt())) {
                line++;
                String stripped = line == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
                if (stripped.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(stripped);
                } catch (JacksonException e) {
                    throw new BadInputException(file + " line " + line + ": not valid JSON (" + e.getOriginalMessage()
                            + "); a task file has one JSON object a line");
                }
                if (!node.isObject()) {
                    throw new BadInputException(file + " line " + line + ": not a JSON object; a task file has one "
                            + "JSON object a line, e.g. {\"question\": \"...\", \"answer\": \"... #### 4\"}");
                }
                rows.add(new Row(line, node));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read task file " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static TaskFormat detect(Path file, JsonNode first) {
        if (first.path("choices").isArray()) {
            return TaskFormat.MMLU;
        }
        if (first.path("pattern").isTextual()) {
            return TaskFormat.REGEX;
        }
        if (first.path("question").isTextual() && first.path("answer").asText("").contains("####")) {
            return TaskFormat.GSM8K;
        }
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        throw new BadInputException("cannot tell the format of task file " + file + " from its fields " + fields
                + "; write gsm8k:" + file + ", mmlu:" + file + " or regex:" + file
                + " (and --task-columns if its fields are named differently)");
    }

    private static EvalItem item(TaskFormat format, TaskColumns columns, Row row, Path file) {
        String where = file + " line " + row.line();
        JsonNode node = row.node();
        String question = text(node, columns.prompt(), where, "prompt");
        String id = columns.id().map(node::get).filter(n -> n != null && n.isValueNode() && !n.isNull())
                .map(JsonNode::asText).orElse("line-" + row.line());
        JsonNode answer = node.get(columns.answer());
        if (answer == null || answer.isNull()) {
            throw new BadInputException(where + ": no '" + columns.answer() + "' field; name the answer's field with "
                    + "--task-columns answer=FIELD");
        }
        return switch (format) {
            case GSM8K -> {
                String expected = Grader.FinalNumber.expectedOf(answer.asText());
                if (expected.isEmpty()) {
                    throw new BadInputException(where + ": answer '" + abbreviate(answer.asText())
                            + "' holds no final number; GSM8K answers end in '#### N'");
                }
                yield new EvalItem(id, format.render(question, List.of()), expected,
                        Optional.of(answer.asText()).filter(a -> a.contains("####")));
            }
            case MMLU -> {
                List<String> choices = choices(node, columns, where);
                String letter = letter(answer, choices.size(), where);
                yield new EvalItem(id, format.render(question, choices), letter, Optional.empty());
            }
            case REGEX -> {
                String pattern = answer.asText();
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new BadInputException(where + ": pattern '" + pattern + "' is not a valid regular "
                            + "expression (" + e.getDescription() + ")");
                }
                Optional<String> example = columns.example().map(node::get).filter(JsonNode::isTextual)
                        .map(JsonNode::asText);
                yield new EvalItem(id, format.render(question, List.of()), pattern, example);
            }
        };
    }

    private static List<String> choices(JsonNode node, TaskColumns columns, String where) {
        List<String> names = columns.choiceColumns();
        List<String> choices = new ArrayList<>();
        if (names.size() == 1) {
            JsonNode list = node.get(names.getFirst());
            if (list == null || !list.isArray()) {
                throw new BadInputException(where + ": no list field '" + names.getFirst() + "' of options; name it "
                        + "with --task-columns choices=FIELD, or several fields as choices=A+B+C+D");
            }
            list.forEach(c -> choices.add(c.asText()));
        } else {
            for (String name : names) {
                choices.add(text(node, name, where, "choices"));
            }
        }
        if (choices.size() < 2 || choices.size() > ChoiceLetters.MAX_OPTIONS) {
            throw new BadInputException(where + ": " + choices.size() + " options; a multiple choice question has 2 to "
                    + ChoiceLetters.MAX_OPTIONS);
        }
        return choices;
    }

    /** The right option's letter: from an index (HF cais/mmlu stores 0-3) or a letter ("C", lukaemon/mmlu). */
    private static String letter(JsonNode answer, int options, String where) {
        String text = answer.asText().strip();
        int index = answer.canConvertToInt() && answer.isIntegralNumber() ? answer.asInt()
                : text.length() == 1 && Character.isUpperCase(text.charAt(0)) ? text.charAt(0) - 'A'
                : text.matches("\\d+") ? Integer.parseInt(text) : -1;
        if (index < 0 || index >= options) {
            throw new BadInputException(where + ": answer '" + text + "' is neither an option index 0.." + (options - 1)
                    + " nor a letter A.." + ChoiceLetters.letter(options - 1));
        }
        return ChoiceLetters.letter(index);
    }

    private static String text(JsonNode node, String field, String where, String key) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new BadInputException(where + ": no text field '" + field + "'; name the " + key + " field with "
                    + "--task-columns " + key + "=FIELD");
        }
        return v.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
