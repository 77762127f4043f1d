package dev.servebench.eval;

import dev.servebench.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Properties;

/**
 * The task formats an accuracy check reads, each with the layout its dataset publishes, the
 * template that turns a row into a prompt ({@code task-formats.properties}), a default answer length and
 * the rule that grades an answer.
 */
public enum TaskFormat {
    /** GSM8K ({@code openai/grade-school-math}, HF {@code gsm8k}): {@code question}, {@code answer} ending "#### 72". */
    GSM8K(new Grader.FinalNumber(), TaskColumns.of("question", "answer", null, "id", null)),
    /** MMLU (HF {@code cais/mmlu}): {@code question}, {@code choices} (a list), {@code answer} (0-based index or letter). */
    MMLU(new Grader.ChoiceLetter(), TaskColumns.of("question", "answer", "choices", "id", null)),
    /** Any prompt graded by a regular expression: {@code prompt}, {@code pattern}, optionally {@code example}. */
    REGEX(new Grader.RegexMatch(), TaskColumns.of("prompt", "pattern", null, "id", "example"));

    private static final Properties SETTINGS = load();

    private final Grader grader;
    private final TaskColumns defaultColumns;

    TaskFormat(Grader grader, TaskColumns defaultColumns) {
        this.grader = grader;
        this.defaultColumns = defaultColumns;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Grader grader() {
        return grader;
    }

    public TaskColumns defaultColumns() {
        return defaultColumns;
    }

    public int defaultMaxTokens() {
        return Integer.parseInt(setting("max_tokens"));
    }

    /** The prompt sent for a row: the template with its question and (MMLU) lettered options. */
    public String render(String question, java.util.List<String> choices) {
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            options.append(i == 0 ? "" : "\n").append(ChoiceLetters.letter(i)).append(". ").append(choices.get(i));
        }
        return setting("template").replace("{choices}", options).replace("{question}", question);
    }

    /**
     * What a model that knows the answer says (the simulator's oracle): the dataset's own worked answer
     * for GSM8K, "The answer is (C)." for MMLU, the row's example for a regex task (else the pattern's text).
     */
    public String rightAnswer(EvalItem item) {
        return switch (this) {
            case GSM8K, REGEX -> item.reference().orElse(item.expected());
            case MMLU -> "The answer is (" + item.expected() + ").";
        };
    }

    /** A deterministic wrong answer: the number plus one, another letter, or text no ordinary pattern expects. */
    public String wrongAnswer(EvalItem item) {
        return switch (this) {
            case GSM8K -> "#### " + new BigDecimal(item.expected()).add(BigDecimal.ONE).toPlainString();
            case MMLU -> "The answer is (" + (item.expected().equals("A") ? "B" : "A") + ").";
            case REGEX -> "\u2205";
        };
    }

    public static TaskFormat parse(String text) {
        for (TaskFormat f : values()) {
            if (f.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new BadInputException("unknown task format '" + text + "'; use gsm8k, mmlu or regex");
    }

    private String setting(String name) {
        String value = SETTINGS.getProperty(key() + "." + name);
        if (value == null) {
            throw new IllegalStateException("task-formats.properties has no " + key() + "." + name);
        }
        return value;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = TaskFormat.class.getResourceAsStream("task-formats.properties")) {
            if (in == null) {
                throw new IllegalStateException("task-formats.properties is missing from the jar");
            }
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
