package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.testing.FakeOpenAiServer;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * runs export --format vllm-json, csv --requests and parquet on a real recorded run (bench against a
 * loopback server that streams like vLLM). The fake server never fails, so one failed request is
 * appended to the run's requests.jsonl: a connection reset after two streamed tokens, as a real
 * server can leave one.
 */
@EndToEnd
class RunsExportFormatsTest {
    private static final Pattern RECORDED = Pattern.compile("Recorded as run (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILED_ERROR = "connection reset, after 2 tokens";

    @TempDir
    static Path dir;
    private static DatabaseLocation db;
    private static String runId;
    private static Path requestsFile;
    /** Every line of requests.jsonl, the failed one included. */
    private static List<JsonNode> lines;
    /** servebench's own export of the run, for the stored per-level metrics. */
    private static JsonNode stored;

    @BeforeAll
    static void recordARun() throws Exception {
        db = TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM)) {
            runId = bench(server, db, dir.resolve("run"));
        }
        requestsFile = dir.resolve("run").resolve("requests.jsonl");
        Files.writeString(requestsFile, "{\"phase\":\"SCALING\",\"level\":\"c=2\",\"index\":4,\"scheduled_ms\":900.0,"
                        + "\"sent_ms\":900.5,\"first_token_ms\":905.5,\"end_ms\":910.0,\"latency_ms\":9.5,\"ttft_ms\":5.0,"
                        + "\"itl_ms\":[1.5],\"prompt_tokens\":16,\"completion_tokens\":2,\"token_source\":\"usage\","
                        + "\"http_status\":200,\"outcome\":\"reset\",\"error\":\"" + FAILED_ERROR + "\"}\n",
                StandardOpenOption.APPEND);
        lines = new ArrayList<>();
        for (String line : Files.readAllLines(requestsFile)) {
            lines.add(JSON.readTree(line));
        }
        CliRunner json = CliRunner.run("runs", "export", runId, "--db", db.jdbcUrl());
        assertThat(json.exitCode()).as(json.err()).isZero();
        stored = JSON.readTree(json.out());
    }

    /**
     * Follows vLLM's client, /work/shared/peers/vllm-bench/benchmark_serving.py (January 2025):
     * the keys and their order are result_json in main() (the --save-result block: date, backend, …,
     * max_concurrency) merged with the {@code result} dict that benchmark() returns; the figures are
     * calculate_metrics(): only successful requests counted, TPOT = (latency - ttft) / (output_len - 1),
     * statistics in ms (np.mean(ttfts) * 1000), lists per request with times in seconds. The reference
     * file src/test/resources/vllm/benchmark_serving-result.json was written by that client itself.
     */
    @Test
    void vllmJsonHasVllmsKeysUnitsAndDefinitions() throws Exception {
        Path out = dir.resolve("vllm");
        CliRunner export = CliRunner.run("runs", "export", runId, "--format", "vllm-json", "--out", out.toString(),
                "--db", db.jdbcUrl());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out().lines()).containsExactly(out.resolve("01-baseline-c=1.json").toString(),
                out.resolve("02-scaling-c=2.json").toString());

        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/vllm/benchmark_serving-result.json")) {
            reference = JSON.readTree(in);
        }
        List<String> referenceKeys = keys(reference);
        for (int level = 0; level < 2; level++) {
            JsonNode doc = JSON.readTree(out.resolve(level == 0 ? "01-baseline-c=1.json" : "02-scaling-c=2.json")
                    .toFile());
            assertThat(keys(doc).stream().filter(k -> !k.startsWith("servebench_")).toList())
                    .as("vLLM's keys in vLLM's order").isEqualTo(referenceKeys);
            for (String key : referenceKeys) {
                if (!reference.get(key).isNull()) {
                    assertThat(doc.get(key).getNodeType()).as(key).isEqualTo(reference.get(key).getNodeType());
                }
            }
            checkLevel(doc, stored.path("levels").get(level));
        }

        CliRunner lines = CliRunner.run("runs", "export", runId, "--format", "vllm-json", "--db", db.jdbcUrl());
        assertThat(lines.exitCode()).as(lines.err()).isZero();
        List<String> docs = lines.out().lines().toList();
        assertThat(docs).hasSize(2);
        assertThat(JSON.readTree(docs.get(1))).isEqualTo(JSON.readTree(out.resolve("02-scaling-c=2.json").toFile()));
    }

    private static void checkLevel(JsonNode doc, JsonNode level) {
        String phase = level.path("phase").asText();
        String name = level.path("name").asText();
        JsonNode metrics = level.path("metrics");
        List<JsonNode> requests = lines.stream()
                .filter(l -> l.path("phase").asText().equals(phase) && l.path("level").asText().equals(name))
                .sorted(Comparator.comparingInt(l -> l.path("index").asInt())).toList();
        List<JsonNode> ok = requests.stream().filter(l -> l.path("outcome").asText().equals("ok")).toList();
        assertThat(doc.path("servebench_run_id").asText()).isEqualTo(runId);
        assertThat(doc.path("servebench_phase").asText()).isEqualTo(phase);
        assertThat(doc.path("num_prompts").asInt()).isEqualTo(requests.size());
        assertThat(doc.path("completed").asInt()).isEqualTo(ok.size()).isEqualTo(metrics.path("valid_requests").asInt());
        assertThat(doc.path("request_rate").asText()).isEqualTo("inf");
        assertThat(doc.path("max_concurrency").asInt()).isEqualTo(level.path("concurrency").asInt());
        assertThat(doc.path("duration").asDouble()).isEqualTo(metrics.path("wall_seconds").asDouble());
        assertThat(doc.get("request_goodput:").isNull()).as("no SLO: vLLM writes null").isTrue();
        // vLLM's prompt_len: the length the run asked for (issue #28), the server's count under servebench_*.
        assertThat(doc.path("total_input_tokens").asLong()).isEqualTo(ok.stream().mapToLong(RunsExportFormatsTest::asked)
                .sum());
        assertThat(doc.path("servebench_total_input_tokens").asText())
                .isEqualTo(Long.toString(metrics.path("prompt_tokens").asLong()));
        assertThat(doc.path("total_output_tokens").asLong()).isEqualTo(metrics.path("completion_tokens").asLong());
        assertThat(doc.path("total_token_throughput").asDouble()).isCloseTo((doc.path("total_input_tokens").asDouble()
                + doc.path("total_output_tokens").asDouble()) / doc.path("duration").asDouble(), within(1e-6));

        // Per request, in index order, failed requests included: lengths in tokens, times in seconds.
        assertThat(ints(doc.path("input_lens"))).isEqualTo(requests.stream().map(l -> (int) asked(l)).toList());
        assertThat(ints(doc.path("output_lens"))).isEqualTo(requests.stream()
                .map(l -> l.path("outcome").asText().equals("ok") ? l.path("completion_tokens").asInt() : 0).toList());
        double[] ttfts = doubles(doc.path("ttfts"));
        assertThat(ttfts).hasSize(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            JsonNode r = requests.get(i);
            assertThat(ttfts[i] * 1000).isCloseTo(r.path("ttft_ms").asDouble(), within(1e-9));
            double[] itl = doubles(doc.path("itls").get(i));
            double[] itlMs = doubles(r.path("itl_ms"));
            assertThat(itl).hasSameSizeAs(itlMs);
            for (int g = 0; g < itl.length; g++) {
                assertThat(itl[g] * 1000).isCloseTo(itlMs[g], within(1e-9));
            }
            assertThat(doc.path("generated_texts").get(i).asText()).isEmpty();
            assertThat(doc.path("errors").get(i).asText()).isEqualTo(r.path("error").asText(""));
        }

        // Figures over successful requests only, in ms, as vLLM's calculate_metrics computes them.
        double[] okTtfts = ok.stream().mapToDouble(l -> l.path("ttft_ms").asDouble() / 1000).toArray();
        assertThat(doc.path("mean_ttft_ms").asDouble()).isCloseTo(Arrays.stream(okTtfts).average().orElseThrow() * 1000,
                within(1e-9));
        assertThat(doc.path("mean_ttft_ms").asDouble()).isCloseTo(metrics.path("ttft_millis").path("mean").asDouble(),
                within(0.01));
        assertThat(doc.path("p99_ttft_ms").asDouble()).isCloseTo(metrics.path("ttft_millis").path("p99").asDouble(),
                within(0.01));
        assertThat(doc.path("median_e2el_ms").asDouble())
                .isCloseTo(metrics.path("latency_seconds").path("p50").asDouble() * 1000, within(0.01));
        double[] tpots = ok.stream().mapToDouble(l -> (l.path("latency_ms").asDouble() - l.path("ttft_ms").asDouble())
                / (l.path("completion_tokens").asInt() - 1)).toArray();
        assertThat(doc.path("mean_tpot_ms").asDouble()).isCloseTo(Arrays.stream(tpots).average().orElseThrow(),
                within(1e-6));
        assertThat(doc.path("mean_tpot_ms").asDouble()).isCloseTo(metrics.path("tpot_millis").path("mean").asDouble(),
                within(0.01));
        double[] okItls = ok.stream().flatMapToDouble(l -> Arrays.stream(doubles(l.path("itl_ms")))).toArray();
        assertThat(doc.path("mean_itl_ms").asDouble()).isCloseTo(Arrays.stream(okItls).average().orElseThrow(),
                within(1e-6));
        double mean = Arrays.stream(okTtfts).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(okTtfts).map(v -> (v - mean) * (v - mean)).sum() / okTtfts.length);
        assertThat(doc.path("std_ttft_ms").asDouble()).as("np.std, ddof 0").isCloseTo(std * 1000, within(1e-6));
    }

    @Test
    void theFailedRequestIsListedButNotCounted() throws Exception {
        CliRunner export = CliRunner.run("runs", "export", runId, "--format", "vllm-json", "--db", db.jdbcUrl());
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode scaling = JSON.readTree(export.out().lines().toList().get(1));
        assertThat(scaling.path("num_prompts").asInt()).isEqualTo(5);
        assertThat(scaling.path("completed").asInt()).isEqualTo(4);
        assertThat(scaling.path("output_lens").get(4).asInt()).isZero();
        assertThat(scaling.path("input_lens").get(4).asInt()).isEqualTo(16);
        assertThat(scaling.path("ttfts").get(4).asDouble()).isEqualTo(0.005);
        assertThat(scaling.path("itls").get(4).toString()).isEqualTo("[0.0015]");
        assertThat(scaling.path("errors").get(4).asText()).isEqualTo(FAILED_ERROR);
        assertThat(scaling.path("total_input_tokens").asLong()).isEqualTo(lines.stream()
                .filter(l -> l.path("phase").asText().equals("SCALING") && l.path("outcome").asText().equals("ok"))
                .mapToLong(RunsExportFormatsTest::asked).sum());
    }

    @Test
    void requestsCsvHasOneTypedRowPerRequest() throws Exception {
        CliRunner csv = CliRunner.run("runs", "export", runId, "--format", "csv", "--requests", "--db", db.jdbcUrl());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("run_id,position,phase,level,index,outcome,http_status,scheduled_s,sent_s,"
                + "first_token_s,end_s,ttft_ms,ttfat_ms,e2e_s,tpot_ms,prompt_tokens,completion_tokens,token_source,"
                + "finish_reason,connection,connect_ms,retries,error,turn,itl_ms");
        assertThat(rows).hasSize(lines.size() + 1);
        List<String> header = List.of(rows.getFirst().split(","));
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            List<String> cells = cells(rows.get(i + 1));
            assertThat(cells).hasSize(header.size());
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            assertThat(row.get("run_id")).isEqualTo(runId);
            assertThat(row.get("position")).isEqualTo(l.path("phase").asText().equals("BASELINE") ? "1" : "2");
            assertThat(row.get("phase") + " " + row.get("level") + " #" + row.get("index"))
                    .isEqualTo(l.path("phase").asText() + " " + l.path("level").asText() + " #" + l.path("index").asInt());
            assertThat(row.get("outcome")).isEqualTo(l.path("outcome").asText());
            assertThat(Integer.parseInt(row.get("http_status"))).isEqualTo(200);
            assertThat(Double.parseDouble(row.get("sent_s"))).isCloseTo(l.path("sent_ms").asDouble() / 1000, within(1e-9));
            assertThat(Double.parseDouble(row.get("end_s"))).isCloseTo(l.path("end_ms").asDouble() / 1000, within(1e-9));
            assertThat(Double.parseDouble(row.get("ttft_ms"))).isEqualTo(l.path("ttft_ms").asDouble());
            assertThat(Double.parseDouble(row.get("e2e_s"))).isCloseTo(l.path("latency_ms").asDouble() / 1000,
                    within(1e-9));
            assertThat(Integer.parseInt(row.get("prompt_tokens"))).isEqualTo(l.path("prompt_tokens").asInt());
            assertThat(Integer.parseInt(row.get("completion_tokens"))).isEqualTo(l.path("completion_tokens").asInt());
            assertThat(row.get("token_source")).isEqualTo("usage");
            assertThat(row.get("error")).isEqualTo(l.path("error").asText(""));
            assertThat(row.get("itl_ms").isEmpty() ? 0 : row.get("itl_ms").split(" ").length)
                    .isEqualTo(l.path("itl_ms").size());
        }
        assertThat(rows.getLast()).as("the error holds a comma, so it is quoted")
                .contains(",\"" + FAILED_ERROR + "\",,1.5");

        CliRunner levels = CliRunner.run("runs", "export", runId, "--format", "csv", "--db", db.jdbcUrl());
        List<String> levelRows = levels.out().lines().toList();
        assertThat(levelRows).as("per level stays the default").hasSize(3);
        assertThat(levelRows.getFirst()).startsWith("run_id,position,phase,level,concurrency");
    }

    @Test
    void parquetHoldsEveryRequestWithTypedColumns() throws Exception {
        Path file = dir.resolve("out").resolve("requests.parquet");
        CliRunner export = CliRunner.run("runs", "export", runId, "--format", "parquet", "--out", file.toString(),
                "--db", db.jdbcUrl());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out().strip()).isEqualTo(file.toString());

        long completion = lines.stream().mapToLong(l -> l.path("completion_tokens").asLong()).sum();
        long gaps = lines.stream().mapToLong(l -> l.path("itl_ms").size()).sum();
        double ttftSum = lines.stream().mapToDouble(l -> l.path("ttft_ms").asDouble()).sum();
        String from = " FROM '" + file.toString().replace("'", "''") + "'";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(completion_tokens), sum(len(itl_ms)), sum(ttft_ms), "
                    + "count(*) FILTER (WHERE outcome = 'ok'), max(error)" + from)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(lines.size());
                assertThat(rs.getLong(2)).isEqualTo(completion);
                assertThat(rs.getLong(3)).isEqualTo(gaps);
                assertThat(rs.getDouble(4)).isCloseTo(ttftSum, within(1e-6));
                assertThat(rs.getLong(5)).isEqualTo(lines.size() - 1);
                assertThat(rs.getString(6)).isEqualTo(FAILED_ERROR);
            }
            Map<String, String> types = new HashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT *" + from)) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            assertThat(types).containsEntry("run_id", "VARCHAR").containsEntry("position", "INTEGER")
                    .containsEntry("index", "INTEGER").containsEntry("prompt_tokens", "INTEGER")
                    .containsEntry("ttft_ms", "DOUBLE").containsEntry("e2e_s", "DOUBLE")
                    .containsEntry("itl_ms", "DOUBLE[]").containsEntry("turn", "INTEGER").hasSize(25);
        }
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        CliRunner stdout = CliRunner.run("runs", "export", runId, "--format", "parquet", "--db", db.jdbcUrl());
        assertThat(stdout.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(stdout.err()).contains("--format parquet writes a file, not stdout; add --out FILE.parquet");
        assertThat(stdout.out()).isEmpty();

        CliRunner unknown = CliRunner.run("runs", "export", runId, "--format", "xml", "--db", db.jdbcUrl());
        assertThat(unknown.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unknown.err()).contains("unknown --format 'xml'; use json, csv, vllm-json or parquet");

        CliRunner requests = CliRunner.run("runs", "export", runId, "--format", "vllm-json", "--requests",
                "--db", db.jdbcUrl());
        assertThat(requests.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(requests.err()).contains("--requests goes with --format csv");

        CliRunner noRun = CliRunner.run("runs", "export", "19990101", "--format", "vllm-json", "--db", db.jdbcUrl());
        assertThat(noRun.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noRun.err()).contains("no run '19990101'");
    }

    /** Without requests.jsonl: vLLM's figures from the stored metrics, empty lists, and a note; per request refused. */
    @Test
    void withoutTheRequestsFileTheStoredFiguresAreWritten(@TempDir Path other) throws Exception {
        DatabaseLocation otherDb = TestDatabases.fresh(TestDatabases.Kind.SQLITE, other);
        String id;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM)) {
            id = bench(server, otherDb, other.resolve("run"));
        }
        Path gone = other.resolve("run").resolve("requests.jsonl");
        Files.delete(gone);
        JsonNode metrics = JSON.readTree(CliRunner.run("runs", "export", id, "--db", otherDb.jdbcUrl()).out())
                .path("levels").get(1).path("metrics");

        CliRunner export = CliRunner.run("runs", "export", id, "--format", "vllm-json", "--db", otherDb.jdbcUrl());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains(gone + " is missing", "per-request lists", "are empty");
        JsonNode scaling = JSON.readTree(export.out().lines().toList().get(1));
        assertThat(scaling.path("completed").asInt()).isEqualTo(metrics.path("valid_requests").asInt()).isPositive();
        assertThat(scaling.path("mean_ttft_ms").asDouble()).isEqualTo(metrics.path("ttft_millis").path("mean").asDouble());
        assertThat(scaling.path("p99_e2el_ms").asDouble())
                .isCloseTo(metrics.path("latency_seconds").path("p99").asDouble() * 1000, within(1e-9));
        assertThat(scaling.get("std_ttft_ms").isNull()).isTrue();
        assertThat(scaling.path("ttfts")).isEmpty();
        assertThat(scaling.path("servebench_requests_file").asText()).isEmpty();

        CliRunner csv = CliRunner.run("runs", "export", id, "--format", "csv", "--requests", "--db", otherDb.jdbcUrl());
        assertThat(csv.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(csv.err()).contains("run " + id + " has no per-request data", gone + " is missing");
        assertThat(csv.out()).isEmpty();
    }

    private static String bench(FakeOpenAiServer server, DatabaseLocation db, Path out) {
        CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m", "--phases",
                "baseline,scaling", "--baseline-requests", "3", "--scaling", "2", "--requests", "4", "--input-tokens",
                "16", "--output-tokens", "4", "--ignore-eos", "--cooldown", "0s", "--no-report", "--quiet",
                "--db", db.jdbcUrl(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = RECORDED.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group(1);
    }

    /** The prompt length the run asked for; the server's count for a line without one (the appended failure). */
    private static long asked(JsonNode line) {
        return line.has("asked_prompt_tokens") ? line.path("asked_prompt_tokens").asLong()
                : line.path("prompt_tokens").asLong();
    }

    private static List<String> keys(JsonNode doc) {
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static double[] doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asDouble());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** RFC 4180 cells of one line (no line breaks inside cells here). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
