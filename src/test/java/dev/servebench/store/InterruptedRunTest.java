package dev.servebench.store;

import dev.servebench.testing.EndToEnd;
import dev.servebench.results.ToolInfo;
import dev.servebench.bench.TargetInfo;
import dev.servebench.testing.EndedProcesses;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose process is killed outright never records its end: the store reports it interrupted
 * once the process is gone, and only then, and only for runs of this host. SQLite and PostgreSQL.
 */
@EndToEnd
class InterruptedRunTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aRunWhoseProcessWasKilledIsInterruptedAndKeepsWhatItRecorded(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        Path requests = dir.resolve("requests.jsonl");
        Path childErr = dir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RecordingChild.class.getName(), db.jdbcUrl(),
                requests.toString()).redirectError(childErr.toFile()).start();
        String runId;
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                runId = out.readLine();
            }
            assertThat(runId).as("the child's stderr: %s", Files.readString(childErr)).isNotNull();
            try (RunStore store = RunStore.open(db)) {
                StoredRun whileAlive = store.find(runId).orElseThrow();
                assertThat(whileAlive.status().toString()).as("another live process on this host").isEqualTo("running");
                assertThat(whileAlive.process()).map(RecordingProcess::pid).contains(child.pid());
            }
        } finally {
            // SIGKILL on Unix: no shutdown hook, no finally, no chance to record the end, like kill -9.
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the killed child ended").isTrue();
        }

        try (RunStore store = RunStore.open(db)) {
            StoredRun run = store.find(runId).orElseThrow();
            assertThat(run.status().toString()).isEqualTo("interrupted");
            assertThat(run.finishedEpochMillis()).as("when it died is unknown").isEmpty();
            assertThat(run.levels()).extracting(StoredLevel::key).containsExactly("SCALING c=1");
            assertThat(run.requestsFile()).contains(requests.toAbsolutePath().toString());
            assertThat(store.list(RunFilter.ALL)).extracting(StoredRun::status).containsExactly(RunStatus.INTERRUPTED);
        }
        assertThat(statusInTheDatabase(db, runId)).as("written down for hosts that cannot check the pid")
                .isEqualTo("interrupted");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void runsThatCannotBeJudgedFromHereStayRunning(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation db = TestDatabases.fresh(kind, dir);
        ToolInfo here = ToolInfo.current();
        ToolInfo elsewhere = new ToolInfo(here.name(), here.version(), here.javaVersion(), here.os(),
                "gpu-box-elsewhere", here.cpus());
        RecordingProcess ended = EndedProcesses.ended();
        try (RunStore store = RunStore.open(db)) {
            String ours = start(store, here, RecordingProcess.current());
            String otherHost = start(store, elsewhere, ended);
            String beforeMigration = start(store, here, ended);
            // Runs recorded before V3 have no process: simulate one by clearing what V3 added.
            try (Connection c = connectionTo(db); PreparedStatement st = c.prepareStatement(
                    "UPDATE runs SET process_id = NULL, process_started_ms = NULL WHERE id = ?")) {
                st.setString(1, beforeMigration);
                st.executeUpdate();
            }
            assertThat(store.find(ours).orElseThrow().status().toString()).as("this very process").isEqualTo("running");
            assertThat(store.find(otherHost).orElseThrow().status().toString()).as("a pid of another host").isEqualTo("running");
            assertThat(store.find(beforeMigration).orElseThrow().status().toString()).as("no process recorded")
                    .isEqualTo("running");

            String finished = start(store, here, ended);
            store.finishRun(finished, true, 1_700_000_100_000L);
            assertThat(store.find(finished).orElseThrow().status().toString()).as("ended normally before its process")
                    .isEqualTo("complete");
        }
    }

    private static String start(RunStore store, ToolInfo tool, RecordingProcess process) {
        return store.startRun(RunContext.bench(Path.of("requests.jsonl")), new TargetInfo("t", "http://t", "m"),
                RunStoreTest.smallConfig(), tool, process, 1_700_000_000_000L);
    }

    private static Connection connectionTo(DatabaseLocation db) throws Exception {
        return DriverManager.getConnection(db.jdbcUrl());
    }

    private static String statusInTheDatabase(DatabaseLocation db, String runId) throws Exception {
        try (Connection c = connectionTo(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM runs WHERE id = '" + runId + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
