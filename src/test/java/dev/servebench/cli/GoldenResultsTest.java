package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.report.LevelDistributions;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunLoader;
import dev.servebench.results.SummaryDocument;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.json.Json;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format of results folder this version still reads (src/test/resources/results-golden, README.md there says
 * where each comes from), read by all three readers: {@code report} (RunLoader.fromFolder), {@code runs import} into
 * a fresh SQLite database, and {@code runs export} as json, csv (levels and --requests) and vllm-json.
 */
@EndToEnd
class GoldenResultsTest {
    /**
     * One golden folder and the figures every reader must find in it.
     *
     * @param requestsPerLevel   lines (all ok) per level, c=1 then c=2
     * @param promptTokens       the server's prompt count per level (summary and lines)
     * @param vllmInputTokens    vllm-json's total_input_tokens per level: the asked lengths where lines carry them,
     *                           else the server's count
     * @param hasConnection      whether lines carry connection (4968bca on)
     * @param hasTurn            whether lines carry turn (3c1feb3 on, multi-turn runs)
     * @param hasAsked           whether lines carry asked_prompt_tokens (1dcb70e on, runs over HTTP): vllm-json's
     *                           input_lens are then the asked lengths
     */
    record Golden(String folder, int requestsPerLevel, long promptTokens, long completionTokens, long vllmInputTokens,
                  boolean hasConnection, boolean hasTurn, boolean hasAsked) {
        @Override
        public String toString() {
            return folder;
        }
    }

    static Stream<Golden> goldens() {
        return Stream.of(
                new Golden("current-predict", 3, 96, 12, 96, false, false, false),
                new Golden("current-bench", 4, 200, 16, 128, true, true, true),
                new Golden("v1-before-asked-prompt-tokens", 4, 200, 16, 200, true, true, false),
                new Golden("v1-before-levels-planned", 4, 200, 16, 200, true, false, false),
                new Golden("v1-initial", 3, 96, 12, 96, false, false, false));
    }

    private static final List<String> LEVELS = List.of("SCALING c=1", "SCALING c=2");

    private static Path copy(Golden golden, Path dir) throws Exception {
        Path source = Path.of(GoldenResultsTest.class.getResource("/results-golden/" + golden.folder()).toURI());
        Path folder = dir.resolve(golden.folder());
        Files.createDirectories(folder);
        for (String file : List.of("summary.json", "requests.jsonl")) {
            Files.copy(source.resolve(file), folder.resolve(file));
        }
        return folder;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void reportReadsIt(Golden golden, @TempDir Path dir) throws Exception {
        Path folder = copy(golden, dir);
        List<String> warnings = new ArrayList<>();
        ReportRun run = RunLoader.fromFolder(folder, warnings::add);
        assertThat(warnings).isEmpty();
        assertThat(run.complete()).isTrue();
        assertThat(run.levels()).extracting(ReportRun::levelKey).isEqualTo(LEVELS);
        assertThat(run.peakLevel()).contains("SCALING c=2");
        for (SummaryDocument.Level level : run.levels()) {
            assertThat(level.metrics().requests()).isEqualTo(golden.requestsPerLevel());
            assertThat(level.metrics().validRequests()).isEqualTo(golden.requestsPerLevel());
            assertThat(level.metrics().promptTokens()).isEqualTo(golden.promptTokens());
            assertThat(level.metrics().completionTokens()).isEqualTo(golden.completionTokens());
            LevelDistributions d = run.distributions().get(ReportRun.levelKey(level));
            assertThat(d).as(ReportRun.levelKey(level)).isNotNull();
            assertThat(d.ttftMillis().count()).isEqualTo(golden.requestsPerLevel());
            assertThat(d.latencySeconds().count()).isEqualTo(golden.requestsPerLevel());
            assertThat(d.itlMillis().count()).isEqualTo(golden.requestsPerLevel() * 3); // 4 tokens: 3 gaps
            assertThat(d.promptTokens().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                    .as("the bench runs were two-turn conversations: a second turn's prompt holds the first")
                    .isEqualTo(golden.requestsPerLevel() == 4 ? 68 : 32);
            assertThat(d.completionTokens().values()).allMatch(v -> v == 4.0);
        }
        CliRunner report = CliRunner.run("report", folder.toString(), "--out", dir.resolve("r.html").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void runsImportAndExportReadIt(Golden golden, @TempDir Path dir) throws Exception {
        Path folder = copy(golden, dir);
        DatabaseLocation db = TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir);
        CliRunner imported = CliRunner.run("runs", "import", folder.toString(), "--db", db.jdbcUrl());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).isEmpty();
        Matcher m = Pattern.compile("as run (\\S+): (\\w+), (\\d+) level").matcher(imported.out());
        assertThat(m.find()).as(imported.out()).isTrue();
        String runId = m.group(1);
        // Without levels_planned, the final rewrite (complete: true) is all there is to go by: complete all the same.
        assertThat(m.group(2)).isEqualTo("complete");
        assertThat(m.group(3)).isEqualTo("2");

        CliRunner json = CliRunner.run("runs", "export", runId, "--db", db.jdbcUrl());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode stored = Json.mapper().readTree(json.out());
        assertThat(stored.path("levels")).hasSize(2);
        for (JsonNode level : stored.path("levels")) {
            assertThat(level.path("phase").asText() + " " + level.path("name").asText()).isIn(LEVELS);
            assertThat(level.path("metrics").path("requests").asInt()).isEqualTo(golden.requestsPerLevel());
            assertThat(level.path("metrics").path("prompt_tokens").asLong()).isEqualTo(golden.promptTokens());
        }

        CliRunner levels = CliRunner.run("runs", "export", runId, "--format", "csv", "--db", db.jdbcUrl());
        assertThat(levels.exitCode()).as(levels.err()).isZero();
        assertThat(levels.out().lines().filter(l -> !l.isBlank())).hasSize(1 + 2);

        CliRunner requests = CliRunner.run("runs", "export", runId, "--format", "csv", "--requests", "--db",
                db.jdbcUrl());
        assertThat(requests.exitCode()).as(requests.err()).isZero();
        assertThat(requests.err()).isEmpty();
        List<String> rows = requests.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(rows).hasSize(1 + 2 * golden.requestsPerLevel());
        List<String> header = Arrays.asList(rows.getFirst().split(",", -1));
        int connection = header.indexOf("connection");
        int turn = header.indexOf("turn");
        assertThat(connection).isNotNegative();
        assertThat(turn).isNotNegative();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSameSizeAs(header.toArray());
            assertThat(cells[connection].isEmpty()).as(row).isEqualTo(!golden.hasConnection());
            assertThat(cells[turn].isEmpty()).as(row).isEqualTo(!golden.hasTurn());
        }

        CliRunner vllm = CliRunner.run("runs", "export", runId, "--format", "vllm-json", "--db", db.jdbcUrl());
        assertThat(vllm.exitCode()).as(vllm.err()).isZero();
        List<String> docs = vllm.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(docs).hasSize(2);
        for (String text : docs) {
            JsonNode doc = Json.mapper().readTree(text);
            assertThat(doc.path("completed").asInt()).isEqualTo(golden.requestsPerLevel());
            assertThat(doc.path("num_prompts").asInt()).isEqualTo(golden.requestsPerLevel());
            assertThat(doc.path("total_input_tokens").asLong()).isEqualTo(golden.vllmInputTokens());
            assertThat(doc.path("servebench_total_input_tokens").asLong()).isEqualTo(golden.promptTokens());
            assertThat(doc.path("total_output_tokens").asLong()).isEqualTo(golden.completionTokens());
            assertThat(doc.path("ttfts")).hasSize(golden.requestsPerLevel());
            List<Integer> inputLens = new ArrayList<>();
            doc.path("input_lens").forEach(n -> inputLens.add(n.asInt()));
            assertThat(inputLens).as("input_lens").hasSize(golden.requestsPerLevel());
            assertThat(inputLens.contains(68)).isEqualTo(golden.requestsPerLevel() == 4 && !golden.hasAsked());
            assertThat(doc.path("itls")).hasSize(golden.requestsPerLevel());
        }
    }
}
