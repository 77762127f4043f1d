package dev.servebench.cli;

import dev.servebench.report.tables.LevelTable;
import dev.servebench.report.tables.ServerViewTable;
import dev.servebench.testing.PrintedTables.Grid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.servebench.testing.PrintedTables.csv;
import static dev.servebench.testing.PrintedTables.grids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #29: what bench prints and what its report writes are one table. One run against the built-in simulator;
 * the level tables on stdout (built from the levels in memory) and tables/levels.csv (built from summary.json read
 * back) must hold the same rows, cell for cell, and so must the server view.
 */
class TerminalAndReportTablesAgreeTest {
    @TempDir
    Path dir;

    @Test
    void benchsTerminalTablesAreTheReportsRowsCellForCell() throws IOException {
        Path out = dir.resolve("run");
        CliRunner run = CliRunner.run("bench", "--model", "m", "--phases", "warmup,baseline,scaling,saturation",
                "--scaling", "2,4", "--saturation", "4,8", "--requests", "8", "--baseline-requests", "4",
                "--output-tokens", "16", "--cooldown", "0s", "--server-metrics", "--metrics-interval", "20ms",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<Grid> printed = grids(run.out());
        List<List<String>> levelsCsv = csv(out.resolve("tables").resolve(LevelTable.REPORT_ID + ".csv"));
        List<List<String>> reportLevels = new ArrayList<>();
        List<List<String>> printedLevels = new ArrayList<>();
        for (Grid g : printed.stream().filter(g -> g.header().equals(LevelTable.COLUMNS)).toList()) {
            printedLevels.addAll(g.rows());
        }
        for (List<String> row : levelsCsv.subList(1, levelsCsv.size())) {
            reportLevels.add(row.subList(LevelTable.REPORT_KEY_COLUMNS.size(), row.size()));
        }
        assertThat(levelsCsv.getFirst().subList(LevelTable.REPORT_KEY_COLUMNS.size(), levelsCsv.getFirst().size()))
                .isEqualTo(LevelTable.COLUMNS);
        // WARMUP 1 + BASELINE 1 + SCALING 2 + SATURATION 2, in the order they ran.
        assertThat(printedLevels).hasSize(6).isEqualTo(reportLevels);
        assertThat(levelsCsv.subList(1, levelsCsv.size())).extracting(r -> r.get(1))
                .containsExactly("WARMUP", "BASELINE", "SCALING", "SCALING", "SATURATION", "SATURATION");

        List<List<String>> serverCsv = csv(out.resolve("tables").resolve(ServerViewTable.ID + ".csv"));
        List<List<String>> printedServer = printed.stream().filter(g -> g.header().equals(ServerViewTable.COLUMNS))
                .findFirst().orElseThrow(() -> new AssertionError("no server view in\n" + run.out())).rows();
        assertThat(printedServer).isNotEmpty()
                .isEqualTo(serverCsv.subList(1, serverCsv.size()).stream().map(r -> r.subList(1, r.size())).toList());

        // The HTML report lists the same tables.
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("\"id\":\"" + LevelTable.REPORT_ID + "\"", "\"id\":\"" + ServerViewTable.ID + "\"");
    }
}
