package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.TargetInfo;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.json.Json;
import dev.servebench.store.RecordingProcess;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunStore;
import dev.servebench.results.ToolInfo;
import dev.servebench.testing.EndedProcesses;
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
@EndToEnd
class RunsCommandTest {
    private static final Pattern RECORDED = Pattern.compile("Recorded as run (\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
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

        // A prefix of a's id that b's does not share (two runs in one second share the timestamp part).
        int prefix = 16;
        while (prefix < a.length() && b.startsWith(a.substring(0, prefix))) {
            prefix++;
        }
        CliRunner show = CliRunner.run("runs", "show", a.substring(0, prefix), "--db", db.jdbcUrl());
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

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aRunWhoseProcessIsGoneIsListedShownAndExportedAsInterrupted(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        String complete;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM)) {
            complete = bench(server, db, "a");
        }
        ToolInfo here = ToolInfo.current();
        ToolInfo elsewhere = new ToolInfo(here.name(), here.version(), here.javaVersion(), here.os(),
                "gpu-box-elsewhere", here.cpus());
        RecordingProcess ended = EndedProcesses.ended();
        String interrupted;
        String otherHost;
        try (RunStore store = RunStore.open(db)) {
            interrupted = start(store, here, ended);
            otherHost = start(store, elsewhere, ended);
        }

        CliRunner list = CliRunner.run("runs", "list", "--db", db.jdbcUrl());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(row(list.out(), interrupted)).contains(" interrupted ");
        assertThat(row(list.out(), otherHost)).contains(" running ");
        assertThat(row(list.out(), complete)).contains(" complete ");
        assertThat(list.out()).contains("3 run(s)", "interrupted: its servebench process ended without finishing",
                "running on gpu-box-elsewhere: recorded on another host, so not checked from here");

        CliRunner show = CliRunner.run("runs", "show", interrupted, "--db", db.jdbcUrl());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("(bench, interrupted)", "Process:     pid " + ended.pid()
                + " ended without finishing the run");
        assertThat(CliRunner.run("runs", "show", otherHost, "--db", db.jdbcUrl()).out())
                .contains("(bench, running)", "on gpu-box-elsewhere, another host: not checked from here");
        assertThat(CliRunner.run("runs", "show", complete, "--db", db.jdbcUrl()).out()).doesNotContain("Process:");

        JsonNode doc = Json.mapper().readTree(CliRunner.run("runs", "export", interrupted, "--db", db.jdbcUrl()).out());
        assertThat(doc.path("status").asText()).isEqualTo("interrupted");
        assertThat(doc.path("process").path("pid").asLong()).isEqualTo(ended.pid());
    }

    private static String start(RunStore store, ToolInfo tool, RecordingProcess process) {
        return store.startRun(RunContext.bench(Path.of("requests.jsonl")), new TargetInfo("t", "http://t", "m"),
                BenchmarkConfig.builder().build(), tool, process, System.currentTimeMillis());
    }

    private static String row(String table, String runId) {
        return table.lines().filter(l -> l.startsWith(runId)).findFirst().orElseThrow();
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
        assertThat(missing.err()).contains("no run, experiment, plan or eval with id '19990101'");
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
