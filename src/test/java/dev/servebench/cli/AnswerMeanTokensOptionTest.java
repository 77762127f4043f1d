package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --answer-mean-tokens}: bad values fail with one line naming the flag, and in {@code predict}
 * it shortens answers exactly when requests go without ignore_eos (bench's and predict's default;
 * {@code --ignore-eos} forces every answer to --output-tokens).
 */
class AnswerMeanTokensOptionTest {
    private static final int REQUESTS = 40;
    private static final int OUTPUT_TOKENS = 100;

    @Test
    void aNegativeMeanIsAOneLineUsageErrorInEveryCommandThatTakesIt() {
        assertUsageError(CliRunner.run("sim", "--port", "0", "--answer-mean-tokens", "-1"));
        assertUsageError(CliRunner.run("predict", "--answer-mean-tokens", "-5", "--no-db"));
        assertUsageError(CliRunner.run("bench", "--answer-mean-tokens", "-2", "--no-db"));
    }

    @Test
    void benchRefusesTheFlagWithAUrlBecauseARealServerDecidesItsOwnAnswerLengths() {
        CliRunner run = CliRunner.run("bench", "--url", "http://127.0.0.1:9", "--model", "m",
                "--answer-mean-tokens", "8", "--no-db");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--answer-mean-tokens", "built-in target", "--ignore-eos");
    }

    @Test
    void predictedAnswersStopEarlyOnlyWithoutIgnoreEos(@TempDir Path dir) throws Exception {
        JsonNode untilMax = predict(dir.resolve("default"));
        JsonNode eos = predict(dir.resolve("eos"), "--answer-mean-tokens", "8");
        JsonNode forced = predict(dir.resolve("forced"), "--answer-mean-tokens", "8", "--ignore-eos");

        assertThat(untilMax.path("completion_tokens").asInt()).isEqualTo(REQUESTS * OUTPUT_TOKENS);
        assertThat(forced.path("completion_tokens").asInt()).isEqualTo(REQUESTS * OUTPUT_TOKENS);
        assertThat(forced.path("valid_requests").asInt()).isEqualTo(REQUESTS);
        // Mean 8, capped at 100: the 40 answers total about 320 tokens; 4000 would mean nothing stopped.
        assertThat(eos.path("completion_tokens").asInt()).isBetween(REQUESTS, REQUESTS * OUTPUT_TOKENS / 4);
        // Early answers are valid, not "short": nothing forced their length.
        assertThat(eos.path("valid_requests").asInt()).isEqualTo(REQUESTS);
    }

    @Test
    void helpTeachesWhenAnswersStop() {
        String sim = CliRunner.run("sim", "--help").out().replaceAll("\\s+", " ");
        assertThat(sim).contains("--answer-mean-tokens", "end-of-sequence", "geometric", "finish_reason stop",
                "finish_reason length", "always runs to max_tokens", "min_tokens is a floor", "Default 0");
        assertThat(CliRunner.run("predict", "--help").out()).contains("--answer-mean-tokens");
        assertThat(CliRunner.run("bench", "--help").out().replaceAll("\\s+", " "))
                .contains("--answer-mean-tokens", "Built-in target only");
    }

    /** The SCALING level's metrics of a small predict run. */
    private static JsonNode predict(Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("predict", "--phases", "scaling", "--scaling", "4",
                "--requests", String.valueOf(REQUESTS), "--output-tokens", String.valueOf(OUTPUT_TOKENS),
                "--no-report", "--no-db", "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRunner run = CliRunner.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode levels = Json.mapper().readTree(out.resolve("summary.json").toFile()).path("levels");
        assertThat(levels).hasSize(1);
        return levels.get(0).path("metrics");
    }

    private static void assertUsageError(CliRunner run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_USAGE);
        List<String> errors = run.err().lines().filter(l -> l.startsWith("servebench: error:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).contains("--answer-mean-tokens", "must be 0", ">= 1");
    }
}
