package dev.servebench.dataset;

import dev.servebench.BadInputException;
import dev.servebench.prompt.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetsTest {
    private static final Path DIR = Path.of("src/test/resources/datasets");
    private static final TokenCounter FOUR_CHARS = text -> (text.length() + 3) / 4;
    /** The 15 conversations of sharegpt_sample.json that vLLM's rules keep (see the README there). */
    private static final Set<String> KEPT = Set.of("multi_turn", "edge_min", "edge_max", "c01", "c02", "c03", "c04",
            "c05", "c06", "c07", "c08", "c09", "c10", "c11", "c12");

    @TempDir
    Path tmp;

    private static DatasetSpec shareGpt() {
        return DatasetSpec.parse("sharegpt:" + DIR.resolve("sharegpt_sample.json"));
    }

    private static Map<String, DatasetRequest> byId(Dataset d) {
        return d.requests().stream().collect(Collectors.toMap(DatasetRequest::id, r -> r));
    }

    @Test
    void shareGptKeepsWhatVllmKeepsAndSaysWhyTheRestWentAway() {
        Dataset d = Datasets.load(shareGpt(), FOUR_CHARS, 100, 1);

        assertThat(byId(d).keySet()).isEqualTo(KEPT);
        assertThat(d.entriesRead()).isEqualTo(20);
        assertThat(d.entriesDropped()).isEqualTo(5);
        assertThat(d.droppedBecause()).isEqualTo("1 with fewer than 2 turns; 4 outside vLLM's ShareGPT lengths:"
                + " prompt 4-1024 tokens, output >= 4, prompt+output <= 2048");
        assertThat(d.describe()).startsWith("dataset sharegpt:" + DIR.resolve("sharegpt_sample.json")
                + ": 20 read, 15 requests kept, 5 dropped (1 with fewer than 2 turns; 4 outside vLLM's");
        assertThat(d.describe()).contains("input tokens min 4 p50 ").contains("output tokens min 4 ")
                .contains("max 1024");
        assertThat(d.inputLengths().max()).isEqualTo(1024);
        assertThat(d.inputLengths().count()).isEqualTo(15);
    }

    @Test
    void withoutTheFilterTheTooShortAndTooLongConversationsComeBack() {
        Dataset d = Datasets.load(shareGpt().withFilter(LengthFilter.NONE), FOUR_CHARS, 100, 1);

        assertThat(byId(d).keySet()).hasSize(19).containsAll(KEPT)
                .contains("short_prompt", "short_answer", "long_prompt", "long_total").doesNotContain("single_turn");
        assertThat(d.entriesDropped()).isEqualTo(1);
    }

    @Test
    void outputLengthIsTheTokensOfTheRecordedAnswerAndLaterHumanTurnsAreKept() {
        Map<String, DatasetRequest> requests = byId(Datasets.load(shareGpt(), FOUR_CHARS, 100, 1));

        DatasetRequest c04 = requests.get("c04");
        assertThat(c04.promptTokens()).isEqualTo(75);
        assertThat(c04.outputTokens()).isEqualTo(OptionalInt.of(375));
        assertThat(c04.laterUserTurns()).isEmpty();
        DatasetRequest multi = requests.get("multi_turn");
        assertThat(multi.prompt()).isEqualTo("What does a prefix cache keep?");
        assertThat(multi.outputTokens()).isEqualTo(OptionalInt.of(100));
        assertThat(multi.laterUserTurns())
                .containsExactly("And when is it evicted?", "Thanks, one more: how big is a block?");
    }

    @Test
    void theSampleIsReproducibleBySeedAndDiffersAcrossSeeds() {
        List<String> a = ids(Datasets.load(shareGpt(), FOUR_CHARS, 5, 42));
        List<String> again = ids(Datasets.load(shareGpt(), FOUR_CHARS, 5, 42));
        List<String> other = ids(Datasets.load(shareGpt(), FOUR_CHARS, 5, 43));

        assertThat(a).hasSize(5).isEqualTo(again);
        assertThat(other).hasSize(5).isNotEqualTo(a);
        assertThat(KEPT).containsAll(a).containsAll(other);
    }

    @Test
    void allRequestsComeInASeededShuffledOrder() {
        List<String> one = ids(Datasets.load(shareGpt(), FOUR_CHARS, 15, 1));
        List<String> two = ids(Datasets.load(shareGpt(), FOUR_CHARS, 15, 2));

        assertThat(Set.copyOf(one)).isEqualTo(KEPT).isEqualTo(Set.copyOf(two));
        assertThat(one).isNotEqualTo(two);
        List<String> fileOrder = List.of("multi_turn", "edge_min", "edge_max", "c01", "c02", "c03", "c04", "c05",
                "c06", "c07", "c08", "c09", "c10", "c11", "c12");
        assertThat(one).isNotEqualTo(fileOrder);
    }

    @Test
    void fewerUsableThanWantedGivesAllThereAre() {
        Dataset d = Datasets.load(shareGpt(), FOUR_CHARS, 1000, 7);
        assertThat(d.requests()).hasSize(15);
    }

    @Test
    void reservoirSamplingReachesEveryEntryAboutEquallyOften() {
        Map<String, Integer> times = new HashMap<>();
        int seeds = 1500;
        for (long seed = 0; seed < seeds; seed++) {
            for (String id : ids(Datasets.load(shareGpt(), FOUR_CHARS, 3, seed))) {
                times.merge(id, 1, Integer::sum);
            }
        }
        // 1500 samples of 3 out of 15: each conversation is expected 300 times (standard deviation about 15.5).
        assertThat(times.keySet()).isEqualTo(KEPT);
        assertThat(times.values()).allSatisfy(n -> assertThat(n).isBetween(230, 370));
    }

    @Test
    void onlyCandidatesOfTheSampleAreTokenized() throws IOException {
        Path file = tmp.resolve("big.jsonl");
        Files.write(file, IntStream.rangeClosed(1, 5000)
                .mapToObj(i -> "{\"prompt\": \"prompt number " + i + " with some words\", \"id\": \"p" + i + "\"}")
                .toList());
        AtomicInteger calls = new AtomicInteger();
        TokenCounter counting = text -> {
            calls.incrementAndGet();
            return FOUR_CHARS.count(text);
        };

        Dataset d = Datasets.load(DatasetSpec.parse("jsonl:" + file), counting, 10, 3);

        assertThat(d.requests()).hasSize(10);
        assertThat(d.entriesRead()).isEqualTo(5000);
        // Bottom-10 of 5000 random keys: about 10 * (1 + ln(500)) = 72 candidates are counted, not 5000.
        assertThat(calls.get()).isBetween(10, 400);
    }

    @Test
    void theFilterRefillsFromLaterEntriesAndTheDescriptionSaysHowManyWereExamined() throws IOException {
        Path file = tmp.resolve("mixed.jsonl");
        // Every other prompt is too long for a 10-token maximum.
        Files.write(file, IntStream.rangeClosed(1, 2000)
                .mapToObj(i -> "{\"prompt\": \"" + (i % 2 == 0 ? "short" : "x".repeat(100)) + "\", \"id\": \"" + i + "\"}")
                .toList());
        Dataset d = Datasets.load(DatasetSpec.parse("jsonl:" + file)
                .withFilter(LengthFilter.parse("max_input=10")), FOUR_CHARS, 50, 9);

        assertThat(d.requests()).hasSize(50).allSatisfy(r -> assertThat(r.prompt()).isEqualTo("short"));
        assertThat(d.entriesDropped()).isPositive().isLessThan(1000);
        assertThat(d.droppedBecause()).matches("\\d+ of \\d+ examined outside prompt 0-10 tokens");
    }

    @Test
    void customJsonLinesGiveOutputTokensImagesAndIds() {
        Dataset d = Datasets.load(DatasetSpec.parse("jsonl:" + DIR.resolve("custom.jsonl")), FOUR_CHARS, 10, 5);
        Map<String, DatasetRequest> requests = byId(d);

        assertThat(requests.keySet()).containsExactlyInAnyOrder("a1", "a2", "a3", "5");
        assertThat(requests.get("a1").outputTokens()).isEqualTo(OptionalInt.of(120));
        assertThat(requests.get("a2").images())
                .containsExactly("https://example.com/cat.png", "data:image/png;base64,iVBORw0KGgo=");
        assertThat(requests.get("a3").outputTokens()).isEmpty();
        assertThat(requests.get("a3").promptTokens()).isEqualTo(FOUR_CHARS.count("Write a haiku about caches."));
        assertThat(requests.get("5").outputTokens()).isEqualTo(OptionalInt.of(200));
        assertThat(d.entriesRead()).isEqualTo(4);
        assertThat(d.outputLengths().count()).isEqualTo(3);
        assertThat(d.describe()).contains("(3 of 4 requests give one)");
    }

    @Test
    void aMalformedLineIsNamedByItsNumber() throws IOException {
        Path file = tmp.resolve("broken.jsonl");
        Files.writeString(file, "{\"prompt\": \"fine\"}\n{\"prompt\": \"unclosed\n");

        assertThatThrownBy(() -> Datasets.load(DatasetSpec.parse("jsonl:" + file), FOUR_CHARS, 5, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 2: not valid JSON");
    }

    @Test
    void aLineWithoutPromptListsTheFieldsItHas() throws IOException {
        Path file = tmp.resolve("noprompt.jsonl");
        Files.writeString(file, "{\"prompt\": \"fine\"}\n{\"text\": \"hello\", \"n\": 3}\n");

        assertThatThrownBy(() -> Datasets.load(DatasetSpec.parse("jsonl:" + file), FOUR_CHARS, 5, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 2 has no column 'prompt'; its columns are: text, n");
    }

    @Test
    void hfColumnsAreMappedAndAnExplicitLengthWinsOverTheAnswer() {
        DatasetSpec spec = DatasetSpec.parse("hf:" + DIR.resolve("hf_renamed.jsonl"))
                .withColumns(ColumnMapping.parse("prompt=question,output=answer,output_tokens=n_out,images=pics,id=qid"));
        Map<String, DatasetRequest> requests = byId(Datasets.load(spec, FOUR_CHARS, 10, 1));

        assertThat(requests.keySet()).containsExactlyInAnyOrder("q-1", "q-2", "q-3");
        assertThat(requests.get("q-1").prompt()).isEqualTo("What is the capital of France? Answer with one word.");
        assertThat(requests.get("q-1").outputTokens())
                .isEqualTo(OptionalInt.of(FOUR_CHARS.count("Paris is the capital of France.")));
        assertThat(requests.get("q-2").outputTokens()).isEqualTo(OptionalInt.of(12));
        assertThat(requests.get("q-2").images()).containsExactly("https://example.com/sign.jpg");
        assertThat(requests.get("q-1").images()).isEmpty();
    }

    @Test
    void aMappedColumnTheFileLacksIsRefusedWithTheColumnsItHas() {
        DatasetSpec spec = DatasetSpec.parse("hf:" + DIR.resolve("hf_renamed.jsonl"))
                .withColumns(ColumnMapping.parse("prompt=question,output=reply"));

        assertThatThrownBy(() -> Datasets.load(spec, FOUR_CHARS, 10, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no column 'reply'; its columns are: qid, question, answer, pics, n_out");
    }

    @Test
    void hfDefaultsReadPromptAndOutputWherePresent() throws IOException {
        Path file = tmp.resolve("default.jsonl");
        Files.writeString(file, "{\"prompt\": \"Tell me a story about a dragon.\", \"output\": \"Once upon a time.\"}\n"
                + "{\"prompt\": \"Name three colours of the rainbow.\"}\n");
        Map<String, DatasetRequest> requests = byId(Datasets.load(DatasetSpec.parse("hf:" + file), FOUR_CHARS, 5, 1));

        assertThat(requests.get("1").outputTokens()).isEqualTo(OptionalInt.of(FOUR_CHARS.count("Once upon a time.")));
        assertThat(requests.get("2").outputTokens()).isEmpty();
    }

    @Test
    void parquetRowsAreReadThroughDuckDbWithTheMappedColumns() throws SQLException {
        Path file = tmp.resolve("train.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES"
                    + " ('r1', 'What is two plus two? Explain briefly.', 'Four, because two and two make four.', NULL, ['https://example.com/a.png']),"
                    + " ('r2', 'Write a limerick about a benchmark run.', 'There once was a server...', 77, []),"
                    + " ('r3', '', 'an empty prompt is skipped', NULL, NULL)"
                    + ") t(qid, question, answer, n_out, pics)) TO '" + file + "' (FORMAT parquet)");
        }
        DatasetSpec spec = DatasetSpec.parse("hf:" + file)
                .withColumns(ColumnMapping.parse("prompt=question,output=answer,output_tokens=n_out,images=pics,id=qid"));

        Dataset d = Datasets.load(spec, FOUR_CHARS, 10, 1);
        Map<String, DatasetRequest> requests = byId(d);

        assertThat(requests.keySet()).containsExactlyInAnyOrder("r1", "r2");
        assertThat(requests.get("r1").outputTokens())
                .isEqualTo(OptionalInt.of(FOUR_CHARS.count("Four, because two and two make four.")));
        assertThat(requests.get("r1").images()).containsExactly("https://example.com/a.png");
        assertThat(requests.get("r2").outputTokens()).isEqualTo(OptionalInt.of(77));
        assertThat(d.entriesRead()).isEqualTo(3);
        assertThat(d.droppedBecause()).isEqualTo("1 with an empty prompt");

        DatasetSpec typo = spec.withColumns(ColumnMapping.parse("prompt=query"));
        assertThatThrownBy(() -> Datasets.load(typo, FOUR_CHARS, 10, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file + " has no column 'query'; its columns are: qid, question, answer, n_out, pics");
    }

    @Test
    void parquetWithTheDefaultColumnsNeedsOnlyAPromptColumn() throws SQLException {
        Path file = tmp.resolve("prompts.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'Prompt number ' || i AS prompt, i AS n FROM range(1, 11) r(i)) TO '" + file
                    + "' (FORMAT parquet)");
        }
        Dataset d = Datasets.load(DatasetSpec.parse("hf:" + file), FOUR_CHARS, 4, 2);

        assertThat(d.requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.prompt()).startsWith("Prompt number ");
            assertThat(r.outputTokens()).isEmpty();
        });
        assertThat(d.entriesRead()).isEqualTo(10);
        assertThat(d.describe()).contains("output tokens not in the file");
    }

    @Test
    void aMissingFileIsNamedAndNothingIsDownloaded() {
        DatasetSpec spec = DatasetSpec.parse("sharegpt:/no/such/ShareGPT_V3.json");

        assertThatThrownBy(() -> Datasets.load(spec, FOUR_CHARS, 10, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--dataset sharegpt:/no/such/ShareGPT_V3.json: no such file")
                .hasMessageContaining("wget https://huggingface.co/datasets/");
    }

    @Test
    void anUnknownKindOrAMissingColonIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> DatasetSpec.parse("foo:x"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--dataset 'foo:x': unknown kind 'foo'; use one of sharegpt:FILE, jsonl:FILE, hf:FILE");
        assertThatThrownBy(() -> DatasetSpec.parse("data.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected KIND:FILE");
    }

    @Test
    void specsParseWithTheDefaultsOfTheirKind() {
        DatasetSpec sharegpt = DatasetSpec.parse("ShareGPT:/data/ShareGPT_V3.json");
        assertThat(sharegpt.kind()).isEqualTo(DatasetKind.SHAREGPT);
        assertThat(sharegpt.file()).isEqualTo(Path.of("/data/ShareGPT_V3.json"));
        assertThat(sharegpt.filter()).isEqualTo(new LengthFilter(4, 1024, 4, 2048));
        DatasetSpec hf = DatasetSpec.parse("hf:train.parquet");
        assertThat(hf.filter()).isEqualTo(LengthFilter.NONE);
        assertThat(hf.columns()).isEqualTo(new ColumnMapping("prompt", Optional.of("output"), Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(DatasetSpec.parse("jsonl:p.jsonl").columns()).isEqualTo(new ColumnMapping("prompt",
                Optional.empty(), Optional.of("output_tokens"), Optional.of("images"), Optional.of("id")));
    }

    @Test
    void columnMappingsParseAndRefuseUnknownKeys() {
        assertThat(ColumnMapping.parse("prompt=question,output=answer,output_tokens=n,images=imgs,id=qid"))
                .isEqualTo(new ColumnMapping("question", Optional.of("answer"), Optional.of("n"), Optional.of("imgs"),
                        Optional.of("qid")));
        assertThat(ColumnMapping.parse("output=answer").prompt()).isEqualTo("prompt");
        assertThatThrownBy(() -> ColumnMapping.parse("prompt=q,answer=a"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key 'answer'; the keys are prompt, output, output_tokens, images, id");
        assertThatThrownBy(() -> ColumnMapping.parse("prompt=q,prompt=r"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("given twice");
    }

    @Test
    void aFileWithNothingUsableIsRefusedNamingTheFileAndWhy() throws IOException {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, "[{\"id\": \"a\", \"conversations\": [{\"from\": \"human\", \"value\": \"Hi\"},"
                + " {\"from\": \"gpt\", \"value\": \"Hello there, how can I help you today?\"}]},"
                + " {\"id\": \"b\", \"conversations\": [{\"from\": \"human\", \"value\": \"alone\"}]}]");

        assertThatThrownBy(() -> Datasets.load(DatasetSpec.parse("sharegpt:" + file), FOUR_CHARS, 10, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--dataset sharegpt:" + file + ": no usable request (2 read: 1 with fewer"
                        + " than 2 turns; 1 outside vLLM's ShareGPT lengths");
    }

    /**
     * Issue #28, defect 11b: "\\ud800" is valid JSON but not a Unicode text (a lone surrogate), and a server
     * answers every request carrying one with HTTP 500. Such an entry is dropped at load with the reason, as
     * other unusable entries are, wherever the text is that would be sent or counted; a proper pair (an emoji)
     * stays.
     */
    @Test
    void aShareGptEntryWithALoneSurrogateIsDroppedWithTheReason() throws IOException {
        Path file = tmp.resolve("surrogates.json");
        String answer = "{\"from\": \"gpt\", \"value\": \"Hello there, how can I help you today?\"}";
        Files.writeString(file, "["
                + "{\"id\": \"emoji\", \"conversations\": [{\"from\": \"human\", \"value\": \"Say hi to me, please \\ud83d\\ude00\"},"
                + " " + answer + "]},"
                + " {\"id\": \"lone-prompt\", \"conversations\": [{\"from\": \"human\", \"value\": \"Say hi to me, please \\ud800\"},"
                + " " + answer + "]},"
                + " {\"id\": \"lone-low\", \"conversations\": [{\"from\": \"human\", \"value\": \"\\udc00 Say hi to me, please\"},"
                + " " + answer + "]},"
                + " {\"id\": \"lone-answer\", \"conversations\": [{\"from\": \"human\", \"value\": \"Say hi to me, please\"},"
                + " {\"from\": \"gpt\", \"value\": \"Hello \\ud800 there, how can I help you today?\"}]},"
                + " {\"id\": \"lone-later\", \"conversations\": [{\"from\": \"human\", \"value\": \"Say hi to me, please\"},"
                + " " + answer + ", {\"from\": \"human\", \"value\": \"and again \\udbff\"}]}]");

        Dataset d = Datasets.load(DatasetSpec.parse("sharegpt:" + file), FOUR_CHARS, 10, 1);

        assertThat(ids(d)).containsExactly("emoji");
        assertThat(d.entriesRead()).isEqualTo(5);
        assertThat(d.entriesDropped()).isEqualTo(4);
        assertThat(d.droppedBecause()).isEqualTo("4 with text that is not valid Unicode (a lone surrogate such as"
                + " \\ud800)");
    }

    @Test
    void aShareGptFileThatIsNotAnArrayIsRefused() throws IOException {
        Path file = tmp.resolve("lines.json");
        Files.writeString(file, "{\"prompt\": \"hello\"}\n");

        assertThatThrownBy(() -> Datasets.load(DatasetSpec.parse("sharegpt:" + file), FOUR_CHARS, 10, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a ShareGPT file").hasMessageContaining("use jsonl:" + file);
    }

    private static List<String> ids(Dataset d) {
        return d.requests().stream().map(DatasetRequest::id).toList();
    }
}
