package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --workers 2} with one worker process killed (SIGKILL) mid-level (issue #28): the level says a worker
 * was lost and how many of its requests were in flight, it does not pass (FAILING, exit 4), and the folder is one
 * that report and runs import read.
 */
@EndToEnd
@org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
class DeadWorkerTest {

    @Test
    void aKilledWorkerFailsItsLevelAndSaysWhatWasInFlight(@TempDir Path dir) throws Exception {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        Path out = dir.resolve("run");
        try (SimServer server = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE)) {
            CompletableFuture<CliRunner> run = CompletableFuture.supplyAsync(() -> CliRunner.run("bench", "--url",
                    server.baseUri().toString(), "--model", "sim-model", "--out", out.toString(), "--workers", "2",
                    "--phases", "scaling", "--scaling", "8", "--requests", "160", "--input-tokens", "48",
                    "--output-tokens", "32", "--ignore-eos", "--cooldown", "0s", "--no-db", "--quiet"));
            // Kill worker 1 once it has recorded some requests of the level: it is then mid-level, with its
            // four users' requests out.
            Path ownLines = out.resolve("workers/worker-1/requests.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines(ownLines) < 12 && System.nanoTime() < deadline && !run.isDone()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(run.isDone()).as("the run still going when the worker is killed").isFalse();
            ProcessHandle worker = ProcessHandle.current().descendants()
                    // This run's worker 1 (its own folder names it): other tests may run workers at the same time.
                    .filter(p -> commandLine(p).contains("WorkerMain --coordinator") && commandLine(p).contains("--index 1")
                            && commandLine(p).contains(out.resolve("workers").toString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no worker 1 among "
                            + ProcessHandle.current().descendants().map(DeadWorkerTest::commandLine).toList()));
            worker.destroyForcibly(); // SIGKILL: no goodbye, no last records
            CliRunner result = run.get(180, TimeUnit.SECONDS);

            assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.EXIT_LEVEL_FAILING);
            assertThat(result.err()).containsPattern("1 of 2 load workers finished; at least [1-9]\\d* request\\(s\\) "
                    + "were in flight");
            JsonNode level = Json.mapper().readTree(out.resolve("summary.json").toFile()).path("levels").get(0);
            assertThat(level.path("status").asText()).isEqualTo("FAILING");
            assertThat(level.path("workers").path("finished").asInt()).isEqualTo(1);
            assertThat(level.path("workers").path("lost_in_flight").asLong()).isPositive();
            assertThat(level.path("metrics").path("requests").asInt()).isEqualTo(lines(out.resolve("requests.jsonl")));
        }
        assertThat(CliRunner.run("report", out.toString(), "--out", dir.resolve("report.html").toString()).exitCode())
                .isZero();
        CliRunner imported = CliRunner.run("runs", "import", out.toString(), "--db", dir.resolve("runs.db").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    /** The whole command line: ProcessHandle.Info cuts long ones (the class path) short. */
    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0; // being written: the next look counts it
        }
    }
}
