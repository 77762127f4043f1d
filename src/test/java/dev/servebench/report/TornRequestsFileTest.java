package dev.servebench.report;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.cli.Main;
import dev.servebench.results.ResultsFolder;
import dev.servebench.testing.QueueModelExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11: what a power cut or a full disk leaves of requests.jsonl (a last line cut short, no
 * newline) still makes a report, saying once what was skipped; a bad line with lines after it is
 * damage, and is refused naming the file and the line.
 */
class TornRequestsFileTest {
    @TempDir
    Path dir;

    @Test
    void anIncompleteLastLineIsSkippedCountedAndTheReportStillBuilds() throws Exception {
        Path folder = run("torn");
        ReportRun whole = RunLoader.fromFolder(folder, note -> {
            throw new AssertionError("nothing to skip yet: " + note);
        });
        Path requests = folder.resolve(ResultsFolder.REQUESTS_FILE);
        String lastLine = Files.readAllLines(requests).getLast();
        // The next request's line, cut inside its inter-token gaps, with no newline: an append the
        // machine did not live to finish. Its first byte of a two-byte character is there, its second not.
        byte[] torn = (lastLine.substring(0, lastLine.indexOf("\"itl_ms\"") + 12) + "é")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(requests, Arrays.copyOf(torn, torn.length - 1), StandardOpenOption.APPEND);

        List<String> warnings = new ArrayList<>();
        ReportRun loaded = RunLoader.fromFolder(folder, warnings::add);
        warnings.forEach(w -> System.out.println("warning: " + w));
        assertThat(warnings).singleElement().asString()
                .contains(requests.toString(), "skipped 1 incomplete last line").doesNotContain("\n");
        assertThat(loaded.distributions()).isEqualTo(whole.distributions());

        ReportFiles.Written written = ReportFiles.write(ReportModel.of(List.of(loaded)), dir.resolve("report.html"),
                dir.resolve("tables"));
        assertThat(written.html()).isNotEmptyFile();
        assertThat(written.tables()).isNotEmpty();

        Cli report = Cli.run("report", folder.toString(), "--out", dir.resolve("cli.html").toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(dir.resolve("cli.html")).isNotEmptyFile();
    }

    @Test
    void aLevelWhoseSummaryWasNeverWrittenIsSaidNotSilentlyDropped() throws Exception {
        Path folder = run("unsummarised");
        Path requests = folder.resolve(ResultsFolder.REQUESTS_FILE);
        // kill -9 after a level's last request and before its summary: its lines exist, its summary does not.
        String last = Files.readAllLines(requests).getLast();
        String level = last.replaceAll(".*\"level\":\"([^\"]+)\".*", "$1");
        Files.writeString(requests, last.replace("\"level\":\"" + level + "\"", "\"level\":\"c=999\"")
                + "\n", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        RunLoader.fromFolder(folder, warnings::add);
        assertThat(warnings).singleElement().asString().contains("c=999", "no summary", requests.toString());
    }

    @Test
    void aWholeLastLineWithoutItsNewlineIsRead() throws Exception {
        Path folder = run("no-newline");
        ReportRun whole = RunLoader.fromFolder(folder);
        Path requests = folder.resolve(ResultsFolder.REQUESTS_FILE);
        String text = Files.readString(requests);
        Files.writeString(requests, text.substring(0, text.length() - 1));

        List<String> warnings = new ArrayList<>();
        ReportRun loaded = RunLoader.fromFolder(folder, warnings::add);
        assertThat(warnings).as("nothing of it is missing").isEmpty();
        assertThat(loaded.distributions()).isEqualTo(whole.distributions());
    }

    @Test
    void aBadLineWithLinesAfterItIsRefusedNamingTheFileAndLine() throws Exception {
        Path folder = run("damaged");
        Path requests = folder.resolve(ResultsFolder.REQUESTS_FILE);
        List<String> lines = new ArrayList<>(Files.readAllLines(requests));
        lines.set(2, lines.get(2).substring(0, 40));
        Files.write(requests, lines);

        assertThatThrownBy(() -> RunLoader.fromFolder(folder, note -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(requests + " line 3 is not valid JSON")
                .hasMessageContaining("damaged")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        Cli report = Cli.run("report", folder.toString(), "--out", dir.resolve("cli.html").toString());
        System.out.print(report.err());
        assertThat(report.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(report.err().lines().toList()).singleElement().asString()
                .startsWith("servebench: error: ").contains(requests + " line 3");
    }

    /** A small benchmark in virtual time, written to a results folder: 4 + 4 + 4 requests. */
    private Path run(String name) throws IOException {
        BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE, Phase.SCALING))
                .baselineRequests(4).scalingLevels(List.of(1, 3)).requestsPerLevel(4)
                .mainWorkload(new Workload(16, 8, 0)).ignoreEos(true).cooldown(Duration.ZERO).build();
        return ReportFixtures.run(dir.resolve(name), "m", new QueueModelExecutor(20, 0.05, 10, 7), config);
    }

    private record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Cli(exit, out.toString(), err.toString());
        }
    }
}
