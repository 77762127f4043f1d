package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskFile;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.Oracle;
import dev.servebench.sim.server.SimBackend;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code servebench eval} end to end against the simulator in oracle mode, recording into a temporary database. */
@EndToEnd
class EvalCommandTest {
    private static final Path TASKS = Path.of("src", "test", "resources", "eval");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void evalPrintsAccuracyWithItsIntervalKeepsTheWrongItemsAndRecordsTheCheck() throws Exception {
        String gsm = "gsm8k:" + TASKS.resolve("arithmetic_500.jsonl");
        EvalTask first100 = TaskFile.read(gsm, Optional.empty(), OptionalInt.of(100));
        Oracle oracle = Oracle.of(List.of(first100), 0.10, 7);
        Path db = dir.resolve("runs.db");
        Path out = dir.resolve("eval");
        CliRunner run;
        try (SimServer sim = start(oracle)) {
            run = CliRunner.run("eval", "--url", sim.baseUri().toString(), "--model", "sim-model", "--tasks", gsm,
                    "mmlu:" + TASKS.resolve("mmlu_sample.jsonl"), "--limit", "100", "--db", db.toString(), "--out",
                    out.toString());
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        int right = 100 - oracle.wrong();
        // The MMLU questions are not the oracle's: the simulator's filler text answers them, graded wrong.
        assertThat(row(run.out(), "arithmetic_500")).contains("gsm8k", "100", Integer.toString(right),
                String.format(java.util.Locale.ROOT, "%.1f %%", right * 1.0));
        assertThat(row(run.out(), "mmlu_sample")).contains("0.0 %", "[0.0, 16.1]");

        // Every wrong item kept, with what it asked, what came back and what was expected.
        List<String> failed = Files.readAllLines(out.resolve("failed-arithmetic_500.jsonl"));
        assertThat(failed).hasSize(oracle.wrong());
        JsonNode wrong = JSON.readTree(failed.getFirst());
        assertThat(wrong.path("prompt").asText()).startsWith("Solve the math problem.");
        assertThat(wrong.path("answer").asText()).startsWith("#### ");
        assertThat(wrong.path("extracted").asLong()).isEqualTo(wrong.path("expected").asLong() + 1);
        assertThat(Files.readAllLines(out.resolve("failed-mmlu_sample.jsonl"))).hasSize(20);
        JsonNode summary = JSON.readTree(out.resolve("eval.json").toFile());
        assertThat(summary.path("seed").asLong()).isEqualTo(1234);
        assertThat(summary.path("tasks").get(0).path("correct").asInt()).isEqualTo(right);
        assertThat(run.out()).contains("Report: " + out.resolve("report.html"));
        if (java.nio.file.Files.isExecutable(dev.servebench.testing.HeadlessChromium.BINARY)
                || System.getenv("CI") != null) {
            // The page as a user sees it: the accuracy table with both tasks, the chart, the wrong items.
            dev.servebench.testing.HeadlessChromium.require();
            var page = dev.servebench.testing.HeadlessChromium.open(out.resolve("report.html"), dir, 1400, 1200);
            assertThat(page.selfCheck().path("errors")).isEmpty();
            assertThat(page.selfCheck().path("charts").get(0).path("series").asInt()).isEqualTo(3);
            // Issue #30 item 5: a readable accuracy chart (it was a 15-px strip), and the wrong answers' long
            // prompts and answers wrap inside the page instead of pushing the answer columns off-screen.
            assertThat(page.selfCheck().path("charts").get(0).path("height").asInt()).isGreaterThanOrEqualTo(200);
            assertThat(page.selfCheck().path("layout").path("page_width").asInt()).isPositive();
            assertThat(page.selfCheck().path("layout").path("overflow_px").asInt()).as(page.selfCheck().toString())
                    .isZero();
            assertThat(page.selfCheck().path("layout").path("wider_than_parent")).isEmpty();
            assertThat(page.selfCheck().path("tables").get(0).path("rows").asInt()).isEqualTo(2);
            assertThat(page.dom()).contains("Accuracy per task", "Answered wrong: arithmetic_500",
                    String.format(java.util.Locale.ROOT, "%.1f %%", right * 1.0));
        }

        Matcher id = Pattern.compile("recorded as eval (e\\S+) in").matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            List<StoredEval> stored = store.evals(id.group(1));
            assertThat(stored).extracting(StoredEval::task).containsExactlyInAnyOrder("arithmetic_500", "mmlu_sample");
            StoredEval g = stored.stream().filter(e -> e.task().equals("arithmetic_500")).findFirst().orElseThrow();
            assertThat(g.correct()).isEqualTo(right);
            assertThat(g.ci95Low()).isLessThan(g.accuracy());
            assertThat(g.ci95High()).isGreaterThan(g.accuracy());
            assertThat(g.resultsFolder()).isEqualTo(out.toAbsolutePath().toString());
        }
    }

    @Test
    void evalWithoutAServerOrWithABadTaskFileIsAUsageError() throws Exception {
        CliRunner noUrl = CliRunner.run("eval", "--tasks", TASKS.resolve("mmlu_sample.jsonl").toString(), "--no-db");
        assertThat(noUrl.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noUrl.err()).contains("eval needs --url and --model");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": 1}\n");
        CliRunner badFile = CliRunner.run("eval", "--url", "http://127.0.0.1:9", "--model", "m", "--tasks",
                bad.toString(), "--no-db", "--out", dir.resolve("o").toString());
        assertThat(badFile.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badFile.err()).contains("cannot tell the format of task file");
    }

    @Test
    void aServerThatCannotAnswerEndsTheCheckWithItsCauseNotWithZeroPercent() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRunner run = CliRunner.run("eval", "--url", "http://127.0.0.1:" + port, "--model", "m", "--tasks",
                TASKS.resolve("mmlu_sample.jsonl").toString(), "--no-db", "--out", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_TARGET_UNAVAILABLE);
        assertThat(run.err()).contains("cannot connect to http://127.0.0.1:" + port);
    }

    @Test
    void aSecondEvalAgainstTheSameServerSaysItsQuestionsCameFromTheCache() throws Exception {
        String gsm = "gsm8k:" + TASKS.resolve("arithmetic_500.jsonl");
        Oracle oracle = Oracle.of(List.of(TaskFile.read(gsm, Optional.empty(), OptionalInt.of(20))), 0.0, 7);
        try (SimServer sim = start(oracle)) {
            CliRunner first = CliRunner.run("eval", "--url", sim.baseUri().toString(), "--model", "sim-model",
                    "--tasks", gsm, "--limit", "20", "--no-db", "--out", dir.resolve("first").toString());
            CliRunner second = CliRunner.run("eval", "--url", sim.baseUri().toString(), "--model", "sim-model",
                    "--tasks", gsm, "--limit", "20", "--no-db", "--out", dir.resolve("second").toString());
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(second.exitCode()).as(second.err()).isZero();
            // The first time only the instructions the questions share come from the cache; the second time the
            // whole questions do, and the accuracy is the same.
            double firstCached = JSON.readTree(dir.resolve("first/eval.json").toFile()).path("prompt_cache")
                    .path("cached_fraction").asDouble();
            JsonNode cache = JSON.readTree(dir.resolve("second/eval.json").toFile()).path("prompt_cache");
            assertThat(cache.path("cached_fraction").asDouble()).isGreaterThan(firstCached + 0.3);
            assertThat(cache.path("cached_tokens").asLong()).isGreaterThan(cache.path("prompt_tokens").asLong() / 2);
            assertThat(second.out()).contains("Prompt cache: the server served", "Accuracy is unaffected");
            assertThat(row(second.out(), "arithmetic_500")).isEqualTo(row(first.out(), "arithmetic_500"));
        }
    }

    private static SimServer start(Oracle oracle) throws java.io.IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        return SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE, Optional.of(oracle));
    }

    private static String row(String out, String fragment) {
        return out.lines().filter(l -> l.startsWith(fragment)).findFirst().orElse("");
    }
}
