package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @Test
    void reportOfTwoRunsOfOneModelWritesHtmlWithCiAndTheReproducibilityTable(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"r1", "r2"}) {
            CliRunner bench = CliRunner.run("bench", "--phases", "baseline,scaling", "--scaling", "2",
                    "--requests", "6", "--baseline-requests", "3", "--output-tokens", "8", "--cooldown", "0s",
                    "--no-report", "--out", dir.resolve(name).toString());
            assertThat(bench.exitCode()).as(bench.err()).isZero();
            assertThat(bench.out()).doesNotContain("Report:");
            assertThat(dir.resolve(name).resolve("report.html")).doesNotExist();
        }
        Path html = dir.resolve("out/compare.html");
        CliRunner run = CliRunner.run("report", dir.resolve("r1").toString(), dir.resolve("r2").toString(),
                "--out", html.toString(), "--tables", dir.resolve("tables").toString(), "--title", "two runs");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Report: " + html.toAbsolutePath());
        String page = Files.readString(html);
        assertThat(page).contains("\"title\":\"two runs\"", "\"repeated\":true", "\"lo\":", "echarts");
        assertThat(Files.readString(dir.resolve("tables/reproducibility.csv")))
                .startsWith("model,level,n,mean_tok_s,stdev_tok_s,ci95_low,ci95_high,cov_pct,range_pct\r\n")
                .contains(",BASELINE c=1,2,");
        assertThat(dir.resolve("tables/tables.md")).exists();
    }

    @Test
    void benchWritesItsReportByDefault(@TempDir Path dir) {
        CliRunner bench = CliRunner.run("bench", "--phases", "baseline", "--baseline-requests", "2",
                "--output-tokens", "4", "--out", dir.resolve("r").toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("Report: " + dir.resolve("r/report.html"));
        assertThat(dir.resolve("r/report.html")).isNotEmptyFile();
        assertThat(dir.resolve("r/tables/scaling.csv")).isNotEmptyFile();
    }

    @Test
    void runIdsFromTheResultsDatabaseNameTheirFolders(@TempDir Path dir) throws Exception {
        String db = dir.resolve("runs.db").toString();
        CliRunner bench = CliRunner.run("bench", "--phases", "baseline", "--baseline-requests", "2",
                "--output-tokens", "4", "--no-report", "--db", db, "--out", dir.resolve("r").toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        String runId = bench.out().lines().filter(l -> l.startsWith("Recorded as run ")).findFirst().orElseThrow()
                .split(" ")[3];
        Path html = dir.resolve("by-id.html");
        CliRunner run = CliRunner.run("report", runId, "--db", db, "--out", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(html)).contains("echarts", "BASELINE");
        CliRunner unknown = CliRunner.run("report", "no-such-id", "--db", db);
        assertThat(unknown.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unknown.err()).contains("no results folder or run/experiment id 'no-such-id'");
    }

    @Test
    void unknownRunIsAUsageError(@TempDir Path dir) {
        CliRunner run = CliRunner.run("report", dir.resolve("missing").toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("no results folder");
        CliRunner none = CliRunner.run("report");
        assertThat(none.exitCode()).isEqualTo(Main.EXIT_USAGE);
    }
}
