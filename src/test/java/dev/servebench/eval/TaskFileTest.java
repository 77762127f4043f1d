package dev.servebench.eval;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Task files in their datasets' layouts, the column mapping, and what a bad file says. */
class TaskFileTest {
    static final Path DIR = Path.of("src", "test", "resources", "eval");

    @TempDir
    Path tmp;

    @Test
    void gsm8kRowsBecomeTemplatedPromptsWithTheirFinalNumber() {
        EvalTask task = TaskFile.read(DIR.resolve("arithmetic_500.jsonl").toString(), Optional.empty(),
                OptionalInt.empty());
        assertThat(task.format()).isEqualTo(TaskFormat.GSM8K);
        assertThat(task.name()).isEqualTo("arithmetic_500");
        assertThat(task.items()).hasSize(500);
        EvalItem first = task.items().getFirst();
        assertThat(first.id()).isEqualTo("line-1");
        assertThat(first.prompt()).startsWith("Solve the math problem.")
                .contains("Question: Ivo has 21 bags with 7 stamps in each bag and gives away 10 stamps.")
                .endsWith("Answer:");
        assertThat(first.expected()).isEqualTo("137");
        // The dataset's worked answer is the oracle's right answer, and the grader takes it as right.
        assertThat(TaskFormat.GSM8K.grader().grade(TaskFormat.GSM8K.rightAnswer(first), first.expected()).correct())
                .isTrue();
        assertThat(TaskFormat.GSM8K.grader().grade(TaskFormat.GSM8K.wrongAnswer(first), first.expected()).correct())
                .isFalse();
    }

    @Test
    void mmluIndexAnswersBecomeLettersAndOptionsAreLettered() {
        EvalTask task = TaskFile.read("mmlu:" + DIR.resolve("mmlu_sample.jsonl"), Optional.empty(), OptionalInt.of(3));
        assertThat(task.items()).hasSize(3);
        EvalItem first = task.items().getFirst();
        assertThat(first.expected()).isEqualTo("B");
        assertThat(first.prompt()).contains("Which planet is closest to the Sun?\nA. Venus\nB. Mercury\nC. Earth\nD. Mars");
        // Told by its fields without a KIND: prefix too.
        assertThat(TaskFile.read(DIR.resolve("mmlu_sample.jsonl").toString(), Optional.empty(), OptionalInt.empty())
                .format()).isEqualTo(TaskFormat.MMLU);
    }

    @Test
    void lukaemonLayoutIsReadThroughTheColumnMapping() {
        EvalTask task = TaskFile.read("mmlu:" + DIR.resolve("mmlu_lettered.jsonl"),
                Optional.of("prompt=input,choices=A+B+C+D,answer=target"), OptionalInt.empty());
        assertThat(task.items()).extracting(EvalItem::expected).containsExactly("A", "C", "D");
        assertThat(task.items().get(1).prompt()).contains("How many days are in a leap year?\nA. 364\nB. 365\nC. 366");
    }

    @Test
    void regexTasksKeepTheirIdsPatternsAndExamples() {
        EvalTask task = TaskFile.read(DIR.resolve("regex_sample.jsonl").toString(), Optional.empty(),
                OptionalInt.empty());
        assertThat(task.format()).isEqualTo(TaskFormat.REGEX);
        assertThat(task.items()).extracting(EvalItem::id).containsExactly("capital-fr", "json-ok", "date-iso");
        for (EvalItem item : task.items()) {
            // Each example is right by its own pattern: the oracle's right answers are right.
            assertThat(TaskFormat.REGEX.grader().grade(TaskFormat.REGEX.rightAnswer(item), item.expected()).correct())
                    .as(item.id()).isTrue();
            assertThat(item.prompt()).doesNotContain("{question}");
        }
    }

    @Test
    void twoFilesOfTheSameNameAreNamedWithTheirFolders() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("gsm8k")).resolve("test.jsonl");
        Path b = Files.createDirectories(tmp.resolve("other")).resolve("test.jsonl");
        Files.writeString(a, "{\"question\": \"1+1?\", \"answer\": \"#### 2\"}\n");
        Files.writeString(b, "{\"question\": \"2+2?\", \"answer\": \"#### 4\"}\n");
        assertThat(TaskFile.readAll(List.of(a.toString(), b.toString()), Optional.empty(), OptionalInt.empty()))
                .extracting(EvalTask::name).containsExactly("gsm8k-test", "other-test");
    }

    @Test
    void badFilesNameTheFileLineAndFix() throws IOException {
        Path unknown = tmp.resolve("unknown.jsonl");
        Files.writeString(unknown, "{\"text\": \"hi\", \"label\": 1}\n");
        assertThatThrownBy(() -> TaskFile.read(unknown.toString(), Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot tell the format of task file " + unknown)
                .hasMessageContaining("gsm8k:" + unknown);
        Path badRegex = tmp.resolve("bad.jsonl");
        Files.writeString(badRegex, "{\"prompt\": \"p\", \"pattern\": \"(unclosed\"}\n");
        assertThatThrownBy(() -> TaskFile.read(badRegex.toString(), Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining(badRegex + " line 1: pattern '(unclosed'");
        Path twice = tmp.resolve("twice.jsonl");
        Files.writeString(twice, "{\"id\": 1, \"question\": \"a\", \"answer\": \"#### 1\"}\n"
                + "{\"id\": 1, \"question\": \"b\", \"answer\": \"#### 2\"}\n");
        assertThatThrownBy(() -> TaskFile.read(twice.toString(), Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line 2: id '1' appears twice");
        assertThatThrownBy(() -> TaskFile.read("mmlu:" + DIR.resolve("mmlu_lettered.jsonl"), Optional.empty(),
                OptionalInt.empty())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--task-columns prompt=FIELD");
        assertThatThrownBy(() -> TaskFile.read(tmp.resolve("missing.jsonl").toString(), Optional.empty(),
                OptionalInt.empty())).isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
    }
}
