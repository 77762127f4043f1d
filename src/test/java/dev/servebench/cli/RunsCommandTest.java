package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.Json;
import dev.servebench.testing.FakeOpenAiServer;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** bench records into the database; runs list/show/compare/export read it back, on SQLite and PostgreSQL. */
class RunsCommandTest {
    private static final Pattern RECORDED = Pattern.compile("Recorded as run (\\S+)");

    @TempDir
    Path dir;

    static java.util.stream.Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void benchRunsAreRecordedListedShownComparedAndExported(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        String a;
        String b;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM)) {
            a = bench(server, db, "a");
            b = bench(server, db, "b");
        }
        CliRunner list = CliRunner.run("runs", "list", "--db", db.jdbcUrl(), "--model", "m");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(a, b, "2 run(s)");
        assertThat(CliRunner.run("runs", "list", "--db", db.jdbcUrl(), "--model", "other").out()).contains("0 run(s)");

        CliRunner show = CliRunner.run("runs", "show", a.substring(0, 18), "--db", db.jdbcUrl());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Run " + a, "bench, complete", "requests.jsonl", "SCALING c=2", "TTFT p99 ms");

        CliRunner compare = CliRunner.run("runs", "compare", a, b, "--db", db.jdbcUrl());
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("reference " + a, "total tok/s (higher is better)", "SCALING c=2",
                "Single runs: differences only");
        assertThat(compare.out().lines().filter(l -> l.startsWith("SCALING c=2")).toList()).hasSize(3)
                .allSatisfy(l -> assertThat(l).containsPattern("[+-][0-9.]+ %"));

        CliRunner csv = CliRunner.run("runs", "export", b, "--format", "csv", "--db", db.jdbcUrl());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("run_id,position,phase,level");
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(19));
        assertThat(lines.get(2)).startsWith(b + ",2,SCALING,c=2,2,");

        CliRunner json = CliRunner.run("runs", "export", b, "--db", db.jdbcUrl());
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.path("id").asText()).isEqualTo(b);
        assertThat(doc.path("config").path("scaling_levels").toString()).isEqualTo("[2]");
        assertThat(doc.path("levels")).hasSize(2);
        assertThat(doc.path("levels").get(1).path("metrics").path("total_tokens_per_second").asDouble()).isPositive();
        assertThat(doc.path("environment").path("java_version").asText()).isNotBlank();
    }

    @Test
    void noDbRecordsNothingAndUnknownIdsSaySo() throws Exception {
        DatabaseLocation db = TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m", "--phases",
                    "baseline", "--baseline-requests", "2", "--no-db", "--out", dir.resolve("nodb").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain("Recorded as run");
        }
        assertThat(CliRunner.run("runs", "list", "--db", db.jdbcUrl()).out()).contains("0 run(s)");
        CliRunner missing = CliRunner.run("runs", "show", "19990101", "--db", db.jdbcUrl());
        assertThat(missing.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("no run '19990101'");
    }

    private String bench(FakeOpenAiServer server, DatabaseLocation db, String name) {
        CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m", "--phases",
                "baseline,scaling", "--baseline-requests", "3", "--scaling", "2", "--requests", "4", "--input-tokens",
                "16", "--output-tokens", "4", "--ignore-eos", "--cooldown", "0s", "--db", db.jdbcUrl(),
                "--out", dir.resolve(name).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = RECORDED.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group(1);
    }
}
