package dev.servebench.store;

import dev.servebench.testing.EndToEnd;
import dev.servebench.results.ResultsFolder;
import dev.servebench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 28, defect 8: the results database is busy before the run starts (another process holds
 * its lock), or several processes create its schema at once. The database is the secondary record:
 * a lock held at the start must not stop the benchmark, and schema creation must not race.
 */
@EndToEnd
class BusyDatabaseAtStartTest {
    @TempDir
    Path dir;

    @Test
    void aLockHeldBeforeTheRunIsAnnouncedOnceAndTheRunIsBenchmarkedAndImportedLater() throws Exception {
        DatabaseLocation db = DatabaseLocation.sqliteFile(dir.resolve("runs.db"));
        RunStore.open(db).close();
        Path folder = dir.resolve("run");
        Cli bench;
        try (Connection other = DriverManager.getConnection(db.jdbcUrl()); Statement st = other.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            bench = Cli.run("bench", "--phases", "baseline", "--baseline-requests", "2", "--cooldown", "0s", "--db", db.display(),
                    "--out", folder.toString());
            st.execute("ROLLBACK");
        }
        System.out.print(bench.err());
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(folder.resolve(ResultsFolder.SUMMARY_FILE)).as("benchmarked all the same").exists();
        assertThat(bench.out()).contains("BASELINE");
        assertThat(bench.err().lines().filter(l -> l.contains("busy")).toList()).as("said once").hasSize(1)
                .first().asString().contains(db.display());
        assertThat(bench.err()).contains("servebench runs import " + folder);

        Cli imported = Cli.run("runs", "import", folder.toString(), "--db", db.display());
        assertThat(imported.exit()).as(imported.err()).isZero();
        try (RunStore store = RunStore.open(db)) {
            assertThat(store.list(RunFilter.ALL)).singleElement()
                    .satisfies(run -> assertThat(run.status().toString()).isEqualTo("complete"));
        }
    }

    @Test
    void aNewFileLockedBeforeItHasASchemaDoesNotStopTheRunEither() throws Exception {
        DatabaseLocation db = DatabaseLocation.sqliteFile(dir.resolve("new.db"));
        Path folder = dir.resolve("run");
        Cli bench;
        try (Connection other = DriverManager.getConnection(db.jdbcUrl()); Statement st = other.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            bench = Cli.run("bench", "--phases", "baseline", "--baseline-requests", "2", "--cooldown", "0s", "--db", db.display(),
                    "--out", folder.toString());
            st.execute("ROLLBACK");
        }
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(folder.resolve(ResultsFolder.SUMMARY_FILE)).exists();
        assertThat(bench.err()).contains("busy", "servebench runs import " + folder);
    }

    @Test
    void severalConnectionsCreatingTheSchemaOfANewFileAtOnceAllSucceed() throws Exception {
        DatabaseLocation db = DatabaseLocation.sqliteFile(dir.resolve("shared.db"));
        int openers = 6;
        CyclicBarrier together = new CyclicBarrier(openers);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                opened.add(pool.submit(() -> {
                    together.await();
                    try (RunStore store = RunStore.open(db)) {
                        return store.createExperiment("test", java.util.Map.of(), System.currentTimeMillis());
                    }
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : opened) {
                ids.add(f.get());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(openers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void severalProcessesCreatingTheSchemaOfANewFileAtOnceAllRecordTheirRun() throws Exception {
        DatabaseLocation db = DatabaseLocation.sqliteFile(dir.resolve("shared-by-processes.db"));
        int processes = 5;
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), RecordingChild.class.getName(), db.jdbcUrl(),
                        dir.resolve("requests-" + i + ".jsonl").toString())
                        .redirectErrorStream(true).start();
                // RecordingChild waits on stdin once its run is recorded: closed, it exits at once.
                child.getOutputStream().close();
                children.add(child);
            }
            for (Process child : children) {
                String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(child.waitFor()).as(output).isZero();
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        try (RunStore store = RunStore.open(db)) {
            assertThat(store.list(RunFilter.ALL)).hasSize(processes);
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
