package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.SampleFiles;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --dataset}, {@code --trace} and {@code --turns} against the built-in simulator, end to end:
 * what the console says before the run, what summary.json records, and the prompt and answer length
 * distributions the report charts.
 */
class WorkloadFlagsTest {
    private static final Pattern REPORT_DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    private static JsonNode reportData(Path out) throws Exception {
        Matcher m = REPORT_DATA.matcher(Files.readString(out.resolve("report.html")));
        assertThat(m.find()).isTrue();
        return Json.mapper().readTree(m.group(1));
    }

    /** The report's prompt-length curve (tokens at each percentile) of the one measured level. */
    private static List<Double> promptLengths(JsonNode data) {
        JsonNode levels = data.path("distributions");
        assertThat(levels).hasSize(1);
        List<Double> values = new ArrayList<>();
        levels.get(0).path("prompt_tokens").forEach(v -> values.add(v.asDouble()));
        return values;
    }

    @Test
    void aShareGptDatasetRunsAndTheReportShowsTheLengthsSent(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        CliRunner run = CliRunner.run("bench", "--dataset", "sharegpt:" + SampleFiles.SHAREGPT, "--phases", "scaling",
                "--scaling", "4", "--requests", "16", "--cooldown", "0s", "--no-db", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("sharegpt", "outside vLLM's ShareGPT lengths");
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("config").path("request_mix").path("kind").asText()).isEqualTo("dataset");
        List<Double> lengths = promptLengths(reportData(out));
        // Prompts of many lengths, not one: the dataset's own spread.
        assertThat(lengths.getLast()).isGreaterThan(2 * lengths.getFirst());
        assertThat(reportData(out).path("distributions").get(0).path("completion_tokens")).isNotEmpty();
    }

    @Test
    void aMooncakeTraceIsReplayedAsOneScalingLevelPerSpeed(@TempDir Path dir) throws Exception {
        Path trace = SampleFiles.smallMooncakeTrace(dir);
        Path out = dir.resolve("r");
        CliRunner run = CliRunner.run("bench", "--trace", trace.toString(), "--trace-speed", "2,4", "--phases",
                "scaling", "--cooldown", "0s", "--no-db", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("4 requests over 1.5 s");
        assertThat(run.out()).contains("trace x2", "trace x4");
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("levels")).hasSize(2);
        assertThat(summary.path("levels").get(1).path("load").asText()).isEqualTo("trace x4");
        JsonNode distributions = reportData(out).path("distributions");
        assertThat(distributions).hasSize(2);
        assertThat(distributions.get(0).path("prompt_tokens").get(0).asDouble()).isBetween(299.0, 301.0);
    }

    @Test
    void turnsReportTtftPerTurn(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        CliRunner run = CliRunner.run("bench", "--turns", "3", "--think-time", "10ms", "--phases", "scaling",
                "--scaling", "2", "--requests", "12", "--input-tokens", "64", "--output-tokens", "16",
                "--cooldown", "0s", "--no-db", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("TTFT p50/p99 by turn, SCALING c=2: turn 1");
        JsonNode metrics = Json.mapper().readTree(out.resolve("summary.json").toFile()).path("levels").get(0)
                .path("metrics");
        assertThat(metrics.path("ttft_millis_by_turn").path("3").path("count").asInt()).isEqualTo(4);
        // The history grows the prompt: the longest is three 64-token messages and two answers.
        List<Double> lengths = promptLengths(reportData(out));
        assertThat(lengths.getFirst()).isEqualTo(64.0);
        assertThat(lengths.getLast()).isGreaterThanOrEqualTo(3 * 64 + 2 * 16);
    }

    @Test
    void conflictingOrIncompleteWorkloadFlagsAreRefusedInOneLine(@TempDir Path dir) {
        assertRefused(CliRunner.run("bench", "--dataset", "sharegpt:x.json", "--prefix-tokens", "10"), "give one of them");
        assertRefused(CliRunner.run("bench", "--trace-speed", "2"), "add --trace PATH");
        assertRefused(CliRunner.run("bench", "--turns", "3", "--rates", "5"), "closed-loop");
        assertRefused(CliRunner.run("bench", "--prefix-groups", "4"), "needs --prefix-tokens");
        assertRefused(CliRunner.run("bench", "--dataset", "bogus:x.json"), "bogus");
        assertRefused(CliRunner.run("bench", "--phases", "scaling", "--dataset",
                "sharegpt:" + dir.resolve("missing.json"), "--no-db", "--out", dir.resolve("r").toString()),
                "missing.json");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    private static void assertRefused(CliRunner run, String fragment) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(fragment);
    }
}
