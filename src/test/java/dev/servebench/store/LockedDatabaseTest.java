package dev.servebench.store;

import dev.servebench.results.ResultsFolder;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.TargetInfo;
import dev.servebench.cli.Main;
import dev.servebench.testing.QueueModelExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a SQLite database locked by another connection during a run. The run finishes, the
 * recorder says once why the database lacks it, and {@code runs import} records the run from its
 * results folder afterwards, exactly as a healthy database recorded the same run.
 */
class LockedDatabaseTest {
    /** A short budget so giving up takes a fraction of a second; the lock is released only after it. */
    private static final WriteRetry SHORT = new WriteRetry(Duration.ofMillis(200), Duration.ofMillis(20));

    @TempDir
    Path dir;

    @Test
    void aLockHeldWhileALevelIsRecordedLeavesTheRunToImport() throws Exception {
        Recording r = new Recording(dir);
        try (r) {
            // Listeners hear each event in order: the lock is taken as the second level ends, the
            // recorder tries to record that level, and the lock is let go only once it has given up.
            BenchmarkResult result = benchmark()
                    .listener(r.results)
                    .listener(r.lock.takenAtLevelEnd(2))
                    .listener(r.recorder)
                    .listener(r.lock.releasedAtLevelEnd(2))
                    .listener(r.healthy)
                    .build().run();
            r.recorder.close();
            r.healthy.close();
            assertThat(result.levels()).hasSize(3);
            assertThat(r.lock.released()).as("the lock was held, then let go").isTrue();

            System.out.println("recorder.failure(): " + r.recorder.failure().orElse("(none)"));
            assertThat(r.recorder.failure()).hasValueSatisfying(line -> assertThat(line)
                    .doesNotContain("\n")
                    .contains("cannot record a level of run " + r.recorder.runId(), "SQLITE_BUSY", "still locked after",
                            "servebench runs import " + r.folder, "--db " + r.db.display()));
            assertThat(r.healthy.failure()).isEmpty();
            StoredRun cutShort = r.store.find(r.recorder.runId()).orElseThrow();
            assertThat(cutShort.status().toString()).as("the end still recorded, as partial").isEqualTo("partial");
            assertThat(cutShort.levels()).extracting(StoredLevel::key).containsExactly("BASELINE c=1");
        }

        Cli imported = Cli.run("runs", "import", r.folder.toString(), "--db", r.db.jdbcUrl());
        assertThat(imported.exit()).as(imported.err()).isZero();
        System.out.print(imported.out());
        assertThat(imported.out()).contains("Completed run " + r.recorder.runId(), "2 level(s) added",
                "complete, 3 level(s)");

        try (RunStore store = RunStore.open(r.db); RunStore healthyStore = RunStore.open(r.healthyDb)) {
            StoredRun run = store.find(r.recorder.runId()).orElseThrow();
            StoredRun reference = healthyStore.find(r.healthy.runId()).orElseThrow();
            assertThat(run.status().toString()).isEqualTo("complete").isEqualTo(reference.status().toString());
            assertSameRecord(run, reference);
        }

        Cli again = Cli.run("runs", "import", r.folder.toString(), "--db", r.db.jdbcUrl());
        System.out.print(again.err());
        assertThat(again.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(again.err().lines().toList()).singleElement().asString()
                .contains("already recorded", r.recorder.runId(), "not importing it twice");
    }

    @Test
    void aLockHeldFromTheStartLeavesNoRecordAndTheImportMakesAWholeOne() throws Exception {
        Recording r = new Recording(dir);
        try (r) {
            r.lock.take();
            benchmark().listener(r.results).listener(r.recorder).listener(r.healthy).build().run();
            r.recorder.close();
            r.healthy.close();
            r.lock.release();
            assertThat(r.recorder.failure()).hasValueSatisfying(line -> assertThat(line)
                    .contains("cannot record the start of a run", "SQLITE_BUSY", "servebench runs import"));
            assertThat(r.store.find(r.recorder.runId())).as("the start never got in").isEmpty();
        }

        Cli first = Cli.run("runs", "import", r.folder.toString(), "--db", r.db.jdbcUrl());
        assertThat(first.exit()).as(first.err()).isZero();
        System.out.print(first.out());
        assertThat(first.out()).contains("Imported " + r.folder + " as run ", "complete, 3 level(s)");
        try (RunStore store = RunStore.open(r.db); RunStore healthyStore = RunStore.open(r.healthyDb)) {
            List<StoredRun> runs = store.list(RunFilter.ALL);
            assertThat(runs).hasSize(1);
            assertThat(first.out()).contains("as run " + runs.getFirst().id());
            assertThat(runs.getFirst().process()).as("no process records an import").isEmpty();
            assertSameRecord(runs.getFirst(), healthyStore.find(r.healthy.runId()).orElseThrow());
        }

        Cli again = Cli.run("runs", "import", r.folder.toString(), "--db", r.db.jdbcUrl());
        System.out.print(again.err());
        assertThat(again.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(again.err().lines().toList()).singleElement().asString()
                .contains("was already imported", "not importing it twice");
        try (RunStore store = RunStore.open(r.db)) {
            assertThat(store.list(RunFilter.ALL)).as("still one record").hasSize(1);
        }
    }

    /**
     * One run recorded twice: into a database another connection can lock (with a short patience),
     * and into a healthy one whose record is the reference for what an import must produce.
     */
    private static final class Recording implements AutoCloseable {
        final DatabaseLocation db;
        final DatabaseLocation healthyDb;
        final Path folder;
        final RunStore store;
        final RunStore healthyStore;
        final Connection other;
        final ResultsFolder results;
        final RunRecorder recorder;
        final RunRecorder healthy;
        final ExclusiveLock lock;

        Recording(Path dir) throws Exception {
            db = DatabaseLocation.sqliteFile(dir.resolve("runs.db"));
            healthyDb = DatabaseLocation.sqliteFile(dir.resolve("healthy.db"));
            folder = dir.resolve("run");
            store = RunStore.open(db, SHORT);
            healthyStore = RunStore.open(healthyDb);
            other = DriverManager.getConnection(db.jdbcUrl());
            results = new ResultsFolder(folder);
            RunContext context = RunContext.bench(folder.resolve(ResultsFolder.REQUESTS_FILE));
            recorder = new RunRecorder(store, context);
            healthy = new RunRecorder(healthyStore, context);
            lock = new ExclusiveLock(other);
        }

        @Override
        public void close() throws Exception {
            results.close();
            other.close();
            healthyStore.close();
            store.close();
        }
    }

    /** What the import wrote is what the recorder writes for the same run on a healthy database. */
    private static void assertSameRecord(StoredRun run, StoredRun reference) {
        assertThat(run.kind()).isEqualTo(reference.kind());
        assertThat(run.status().toString()).isEqualTo(reference.status().toString());
        assertThat(run.target()).isEqualTo(reference.target());
        assertThat(run.environment()).isEqualTo(reference.environment());
        assertThat(run.configJson()).isEqualTo(reference.configJson());
        assertThat(run.requestsFile()).isEqualTo(reference.requestsFile());
        assertThat(run.finishedEpochMillis()).isPresent();
        assertThat(run.levels()).usingRecursiveFieldByFieldElementComparator().isEqualTo(reference.levels());
    }

    private static Benchmark.Builder benchmark() {
        return Benchmark.builder().target(new TargetInfo("queue model", "virtual://queue", "m"))
                .config(RunStoreTest.smallConfig()).executor(new QueueModelExecutor(20, 0.05, 10, 7));
    }

    /** BEGIN EXCLUSIVE on another connection: no other connection may write (or read) until it ends. */
    private static final class ExclusiveLock {
        private final Connection connection;
        private boolean held;
        private boolean released;
        private int levelsEnded;

        ExclusiveLock(Connection connection) {
            this.connection = connection;
        }

        void take() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }
            held = true;
        }

        void release() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("ROLLBACK");
            }
            held = false;
            released = true;
        }

        boolean released() {
            return released;
        }

        BenchmarkListener takenAtLevelEnd(int level) {
            return new BenchmarkListener() {
                @Override
                public void onLevelEnd(LevelResult result) {
                    if (++levelsEnded == level) {
                        unchecked(ExclusiveLock.this::take);
                    }
                }
            };
        }

        BenchmarkListener releasedAtLevelEnd(int level) {
            return new BenchmarkListener() {
                @Override
                public void onLevelEnd(LevelResult result) {
                    if (levelsEnded == level && held) {
                        unchecked(ExclusiveLock.this::release);
                    }
                }
            };
        }

        private interface SqlAction {
            void run() throws SQLException;
        }

        private static void unchecked(SqlAction action) {
            try {
                action.run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The CLI as a user runs it, with its output captured. */
    record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Cli(exit, out.toString(), err.toString());
        }
    }
}
