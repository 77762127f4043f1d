package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunFilter;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;
import dev.servebench.store.StoredExperiment;
import dev.servebench.testing.SimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code experiment ablation --eval} against real simulator processes in oracle mode: the reference answers 2 % of
 * 500 GSM8K-style items wrong; "worse" is as fast but answers 10 % wrong, and must be named an accuracy regression
 * with its p-value; "same" answers 2 % wrong with another seed (other items), and must not be.
 */
@EndToEnd
class AccuracyAblationTest {
    private static final String MODEL = "qwen3-235b-a22b";
    private static final Path TASK = Path.of("src", "test", "resources", "eval", "arithmetic_500.jsonl")
            .toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void anAblationNamesTheConditionThatAnswersWorseAndNotTheOneThatAnswersAlike() throws Exception {
        Path db = dir.resolve("runs.db");
        Path out = dir.resolve("abl");
        CliRunner run;
        try (SimProcess sim = new SimProcess(dir.resolve("sim"))) {
            run = CliRunner.run("experiment", "ablation", "--url", sim.baseUrl(), "--model", MODEL, "-n", "2",
                    "--metrics", "total-tokens-per-s",
                    "--condition", "good=" + sim.restartCommand(oracle(0.02, 1)),
                    "--condition", "worse=" + sim.restartCommand(oracle(0.10, 2)),
                    "--condition", "same=" + sim.restartCommand(oracle(0.02, 3)),
                    "--eval", "gsm8k:" + TASK, "--eval-concurrency", "64",
                    "--ready-url", sim.readyUrl(), "--ready-timeout", "120s", "--db", db.toString(),
                    "--out", out.toString(),
                    "--phases", "scaling", "--scaling", "4", "--requests", "8", "--input-tokens", "64",
                    "--output-tokens", "8", "--ignore-eos", "--cooldown", "0s");
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        run.out().lines().filter(l -> l.contains("ccuracy") || l.contains("arithmetic_500") || l.startsWith("Verdict"))
                .forEach(System.out::println);
        String worse = row(run.out(), "Accuracy: worse vs good", "arithmetic_500");
        assertThat(worse).contains("McNemar exact (paired)").endsWith("ACCURACY REGRESSION");
        assertThat(run.out()).containsPattern("ACCURACY REGRESSION: worse answers arithmetic_500 worse than good "
                + "\\(\\d+\\.\\d % vs \\d+\\.\\d %, -\\d+\\.\\d\\d points, McNemar exact \\(paired\\) p = \\S+\\)");
        assertThat(row(run.out(), "Accuracy: same vs good", "arithmetic_500")).endsWith("no significant difference");
        assertThat(run.out()).doesNotContain("ACCURACY REGRESSION: same");
        assertThat(run.out()).contains("Verdict, worse vs good: speed ", "; accuracy arithmetic_500 ACCURACY REGRESSION");

        // The report shows the accuracy beside the speed tables; each condition's wrong answers are kept.
        // The tables printed above (issue #29): one per compared condition, its header and its one task.
        assertThat(Files.readString(out.resolve("report.html"))).contains("Accuracy: worse vs good",
                "Accuracy: same vs good");
        assertThat(Files.readAllLines(out.resolve("tables/accuracy-worse.csv"))).hasSize(2)
                .last().asString().endsWith("ACCURACY REGRESSION");
        assertThat(Files.readAllLines(out.resolve("tables/accuracy-same.csv"))).hasSize(2);
        long goodWrong = Files.readAllLines(out.resolve("eval-good/failed-arithmetic_500.jsonl")).size();
        long worseWrong = Files.readAllLines(out.resolve("eval-worse/failed-arithmetic_500.jsonl")).size();
        assertThat(worseWrong).isGreaterThan(goodWrong);

        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            StoredExperiment x = store.list(RunFilter.ALL).getFirst().experiment()
                    .map(m -> store.findExperiment(m.experimentId()).orElseThrow()).orElseThrow();
            assertThat(x.resultJson().orElseThrow()).contains("\"accuracy\"", "\"REGRESSION\"", "MCNEMAR_EXACT");
            List<StoredEval> evals = store.evals(x.id());
            assertThat(evals).extracting(e -> e.condition().orElseThrow()).containsExactly("good", "worse", "same");
            assertThat(evals).allSatisfy(e -> assertThat(e.items()).isEqualTo(500));
            assertThat(evals.get(1).items() - evals.get(1).correct()).isEqualTo((int) worseWrong);
        }
    }

    private static String oracle(double errorRate, int seed) {
        return "--oracle gsm8k:" + TASK + " --oracle-error-rate " + errorRate + " --oracle-seed " + seed;
    }

    /** The first line holding {@code fragment} after the line holding {@code heading}. */
    private static String row(String out, String heading, String fragment) {
        List<String> lines = out.lines().toList();
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains(heading)) {
            start++;
        }
        return lines.stream().skip(start).filter(l -> l.contains(fragment)).findFirst().orElse("").strip();
    }
}
