package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
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
import dev.servebench.testing.FakeOpenAiServer;
import dev.servebench.testing.TestDatabases;
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

/**
 * Issue #30 item 3: every id a command prints as "recorded as" opens with {@code runs show}, and
 * {@code runs list --kind KIND} lists it with its results folder, for each kind the database records.
 */
@EndToEnd
class RecordedIdsTest {
    @TempDir
    Path dir;

    private DatabaseLocation db;

    @org.junit.jupiter.api.BeforeEach
    void database() {
        db = TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir);
    }

    @Test
    void aBenchRunOpensAndIsListedWithItsFolder() throws Exception {
        Path out = dir.resolve("bench");
        CliRunner run;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM)) {
            run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m", "--phases", "baseline",
                    "--baseline-requests", "2", "--no-report", "--db", db.jdbcUrl(), "--out", out.toString());
        }
        String id = printed(run, "Recorded as run (\\S+) in");
        assertShownAndListed(id, "bench", out, "Run " + id + " (bench, complete)");
    }

    @Test
    void aPredictRunOpensAndIsListedWithItsFolder() {
        Path out = dir.resolve("predict");
        CliRunner run = CliRunner.run("predict", "--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--gpus", "8",
                "--quantization", "fp8", "--phases", "baseline", "--baseline-requests", "2", "--input-tokens", "128",
                "--output-tokens", "16", "--no-report", "--db", db.jdbcUrl(), "--out", out.toString());
        String id = printed(run, "Recorded as run (\\S+) in");
        assertShownAndListed(id, "predict", out, "Run " + id + " (predict, complete)");
    }

    @Test
    void anExperimentOpensWithItsRunsAndIsListedWithItsFolder() {
        Path out = dir.resolve("pareto");
        CliRunner run = CliRunner.run("experiment", "pareto", "--sim",
                "tp4=--model qwen3-235b-a22b --gpu mi325x --gpus 4", "--scaling", "2", "--requests", "2",
                "--input-tokens", "64", "--output-tokens", "8", "--ignore-eos", "--cooldown", "0s", "--no-report",
                "--db", db.jdbcUrl(), "--out", out.toString());
        String id = printed(run, "recorded as experiment (x\\S+) in");
        CliRunner show = assertShownAndListed(id, "experiment", out, "Experiment " + id + " (pareto, complete)");
        // The experiment's own run, openable in turn, is among what it shows.
        CliRunner runs = CliRunner.run("runs", "list", "--experiment", id, "--db", db.jdbcUrl());
        assertThat(runs.exitCode()).as(runs.err()).isZero();
        String runId = runs.out().lines().filter(l -> l.matches("^\\d{8}-.*")).findFirst().orElseThrow().split(" ")[0];
        assertThat(show.out()).contains(runId, "tp4");
        assertThat(row(runs.out(), id)).contains(out.toAbsolutePath().toString());
    }

    @Test
    void aPlanOpensWithItsDecisionsAndIsListedWithItsFolder() throws Exception {
        Path shapes = dir.resolve("shapes.txt");
        Files.writeString(shapes, "2 x TP4\n");
        Path out = dir.resolve("plan");
        CliRunner run = CliRunner.run("plan", "--model", "gpt-oss-120b", "--gpu", "mi300x", "--nodes", "1",
                "--input-tokens", "1024", "--output-tokens", "64", "--concurrency", "8", "--shapes", shapes.toString(),
                "--no-report", "--db", db.jdbcUrl(), "--out", out.toString());
        String id = printed(run, "Recorded as plan (x\\S+) in");
        CliRunner show = assertShownAndListed(id, "plan", out, "Plan " + id + " (complete)");
        assertThat(show.out()).contains("gpt-oss-120b", "2 x TP4");
    }

    @Test
    void anEvalOpensWithItsAccuracyAndIsListedWithItsFolder() throws Exception {
        String gsm = "gsm8k:" + Path.of("src", "test", "resources", "eval", "arithmetic_500.jsonl");
        EvalTask first5 = TaskFile.read(gsm, Optional.empty(), OptionalInt.of(5));
        Path out = dir.resolve("eval");
        CliRunner run;
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        try (SimServer sim = SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0,
                ImageTokens.fixed(100), AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE,
                Optional.of(Oracle.of(List.of(first5), 0.0, 7)))) {
            run = CliRunner.run("eval", "--url", sim.baseUri().toString(), "--model", "sim-model", "--tasks", gsm,
                    "--limit", "5", "--db", db.jdbcUrl(), "--out", out.toString());
        }
        String id = printed(run, "recorded as eval (e\\S+) in");
        CliRunner show = assertShownAndListed(id, "eval", out, "Eval " + id);
        assertThat(show.out()).contains("arithmetic_500", "100.0 %", "sim-model");
    }

    @Test
    void anUnknownKindNamesEveryKindAndAnUnknownIdEveryTable() {
        CliRunner kind = CliRunner.run("runs", "list", "--kind", "evals", "--db", db.jdbcUrl());
        assertThat(kind.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(kind.err()).contains("'evals'", "bench, predict, experiment, plan or eval");
        CliRunner id = CliRunner.run("runs", "show", "e19990101", "--db", db.jdbcUrl());
        assertThat(id.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(id.err()).contains("'e19990101'", "servebench runs list");
    }

    /** runs show opens the id; runs list --kind lists it, its results folder on its row. */
    private CliRunner assertShownAndListed(String id, String kind, Path folder, String heading) {
        CliRunner show = CliRunner.run("runs", "show", id, "--db", db.jdbcUrl());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains(heading, folder.toAbsolutePath().toString());
        CliRunner list = CliRunner.run("runs", "list", "--kind", kind, "--db", db.jdbcUrl());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(row(list.out(), id)).contains(kind, folder.toAbsolutePath().toString());
        return show;
    }

    private static String printed(CliRunner run, String pattern) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile(pattern).matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group(1);
    }

    private static String row(String table, String id) {
        return table.lines().filter(l -> l.startsWith(id + " ")).findFirst().orElse("(no row for " + id + ")\n"
                + table);
    }
}
