package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.run.StopSignals;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.ExperimentStatus;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredExperiment;
import dev.servebench.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C during an experiment, sent as a real SIGINT to a real child JVM: the trial under way ends gracefully
 * and is kept (partial), no further trial starts, the report charts what ran, the database says "stopped",
 * and the process exits 130 instead of dying silently with the JVM's default handler.
 */
@EndToEnd
class ExperimentInterruptTest {

    @Test
    void sigintStopsARepeatAfterItsCurrentRunWithThatRunKept(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("repeat");
        Path db = dir.resolve("runs.db");
        Path firstRun = out.resolve("01-repeat-0");
        InterruptedChild child;
        // 300 tokens 20 ms apart: a request takes 6 s, longer than the 5 s grace, so the one in flight is cancelled.
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Dialect.VLLM, 20)) {
            child = InterruptedChild.run(dir, firstRun.resolve("requests.jsonl"), "experiment", "repeat",
                    "-n", "3", "--url", server.baseUri().toString(), "--model", "m", "--phases", "baseline",
                    "--baseline-requests", "4", "--input-tokens", "8", "--output-tokens", "300", "--ignore-eos",
                    "--cooldown", "0s", "--out", out.toString(), "--db", db.toString());
        }
        String err = child.stderr();
        assertThat(child.exitCode()).as(err).isEqualTo(StopSignals.EXIT_INTERRUPTED);
        assertThat(err).contains("stopping (SIGINT)", "experiment stopped by the user after 1 run",
                "report of the runs so far");
        try (Stream<Path> runs = Files.list(out)) {
            assertThat(runs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList())
                    .as("no trial starts after the signal").containsExactlyInAnyOrder("01-repeat-0", "tables");
        }
        assertThat(firstRun.resolve("summary.json")).exists();
        assertThat(Files.readString(firstRun.resolve("requests.jsonl"))).contains("\"outcome\":\"cancelled\"");
        assertThat(out.resolve("report.html")).exists();
        Matcher id = Pattern.compile("experiment repeat (x\\S+),").matcher(err);
        assertThat(id.find()).as(err).isTrue();
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            StoredExperiment x = store.findExperiment(id.group(1)).orElseThrow();
            assertThat(x.status()).isEqualTo(ExperimentStatus.STOPPED.dbName());
            assertThat(store.list(dev.servebench.store.RunFilter.ALL.withExperiment(x.id()))).hasSize(1)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(dev.servebench.store.RunStatus.PARTIAL));
        }
    }
}
