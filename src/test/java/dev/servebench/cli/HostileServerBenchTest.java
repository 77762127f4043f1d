package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.testing.HostileServer;
import dev.servebench.testing.HostileServer.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole benchmark against each hostile behaviour (issue #28): the preflight names what is wrong, and a run whose
 * requests meet it records every request it sent with its class, waits for no timeout, and never exits 0 over
 * failed requests. Writes the fault table of BENCHMARKS.md to target/hostile-fault-table.md.
 */
class HostileServerBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTPUT_TOKENS = 8;
    private static final int REQUESTS = 8;
    /** Modes whose answers are whole and correct in the end: the run passes. */
    private static final Set<Mode> ANSWERED = Set.of(Mode.HEALTHY, Mode.CONTINUE_THEN_HEALTHY);
    /**
     * Bytes beyond a Content-Length answer well, but when the client has already sent its next request on that
     * connection the stray bytes arrive as that request's answer: it is malformed, never a wait.
     */
    private static final Mode SOMETIMES_ANSWERED = Mode.BYTES_BEYOND_CONTENT_LENGTH;
    private static final Map<Mode, String> TABLE = new ConcurrentSkipListMap<>();

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyRequestSentIsRecordedWithItsClassAndNoFailureExitsZero(Mode mode, @TempDir Path dir) throws Exception {
        String preflight;
        try (HostileServer server = HostileServer.always(mode)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m",
                    "--phases", "scaling", "--scaling", "2", "--requests", "2", "--output-tokens", "1",
                    "--input-tokens", "8", "--tokenizer", "estimate", "--timeout", timeout(mode), "--out",
                    dir.resolve("preflight").toString(), "--no-db", "--no-report");
            boolean passes = ANSWERED.contains(mode) || mode == SOMETIMES_ANSWERED;
            preflight = passes ? "passes" : firstErrorLine(run.err());
            if (!passes) {
                assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_TARGET_UNAVAILABLE);
                assertThat(preflight).doesNotContain("internal error");
                if (mode == Mode.STALL_AFTER_HEADERS) {
                    assertThat(preflight).as("a 200 that never ends is no pass")
                            .contains("started an answer (HTTP 200) but did not finish");
                }
            }
        }
        Path out = dir.resolve("run");
        try (HostileServer server = HostileServer.after(1, mode)) {
            long start = System.nanoTime();
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m",
                    "--phases", "scaling", "--scaling", "4", "--requests", Integer.toString(REQUESTS),
                    "--output-tokens", Integer.toString(OUTPUT_TOKENS), "--input-tokens", "8", "--tokenizer",
                    "estimate", "--timeout", timeout(mode), "--cooldown", "0s", "--out", out.toString(), "--no-db");
            double seconds = (System.nanoTime() - start) / 1e9;
            List<JsonNode> records = records(out.resolve("requests.jsonl"));
            Map<String, Integer> classes = new TreeMap<>();
            records.forEach(r -> classes.merge(r.path("outcome").asText(), 1, Integer::sum));
            int sent = server.requestsAsking(OUTPUT_TOKENS);

            assertThat(records).as("records kept = requests sent").hasSize(sent);
            if (mode == Mode.STALL_AFTER_HEADERS) {
                // The one behaviour only a timeout can end: it is a timeout, at the limit, not a pass.
                assertThat(classes).containsOnlyKeys("timeout");
            } else {
                assertThat(classes).doesNotContainKey("timeout");
            }
            if (mode == SOMETIMES_ANSWERED) {
                assertThat(classes.keySet()).isSubsetOf("ok", "malformed");
                assertThat(run.exitCode()).as(run.err()).isEqualTo(classes.containsKey("malformed")
                        ? Main.EXIT_LEVEL_FAILING : 0);
            } else if (ANSWERED.contains(mode)) {
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(classes).containsOnlyKeys("ok");
            } else {
                assertThat(run.exitCode()).as("a failing level never exits 0: " + run.err())
                        .isEqualTo(Main.EXIT_LEVEL_FAILING);
                assertThat(classes).doesNotContainKey("ok");
            }
            assertThat(Files.exists(out.resolve("report.html"))).isTrue();
            TABLE.put(mode, String.format("| %s | %s | %s | %.1f s | %d / %d | %d |", mode.name().toLowerCase()
                    .replace('_', ' '), classes, preflight.replace("|", "\\|"), seconds, records.size(), sent,
                    run.exitCode()));
        }
    }

    /** A minute, where a timeout would mean the client waited; 2 s for the stall, which only a timeout ends. */
    private static String timeout(Mode mode) {
        return mode == Mode.STALL_AFTER_HEADERS ? "2s" : "60s";
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder sb = new StringBuilder("| behaviour | classes recorded | preflight says | run took | records / "
                + "requests sent | exit |\n|---|---|---|---:|---:|---:|\n");
        TABLE.values().forEach(l -> sb.append(l).append('\n'));
        Files.writeString(Path.of("target", "hostile-fault-table.md"), sb);
    }

    private static String firstErrorLine(String err) {
        return err.lines().filter(l -> l.startsWith("servebench: error:")).findFirst()
                .map(l -> l.substring("servebench: error: ".length()).replaceAll("http://127\\.0\\.0\\.1:\\d+", "URL"))
                .orElse("(no error line) " + err.strip());
    }

    private static List<JsonNode> records(Path jsonl) throws IOException {
        if (!Files.exists(jsonl)) {
            return List.of();
        }
        return Files.readAllLines(jsonl).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
