package dev.servebench.cli;

import dev.servebench.report.tables.LevelTable;
import dev.servebench.report.tables.ServerViewTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** A table printed by TextTable: a header line, a line of dashes whose runs give the columns, then rows. */
    private record Grid(List<String> header, List<List<String>> rows) {
    }

    private static List<Grid> grids(String text) {
        List<String> lines = text.lines().toList();
        List<Grid> grids = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).matches("-+( +-+)*")) {
                continue;
            }
            List<int[]> spans = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-+").matcher(lines.get(i));
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            List<List<String>> rows = new ArrayList<>();
            int r = i + 1;
            while (r < lines.size() && !lines.get(r).isBlank() && !lines.get(r).startsWith(" ")) {
                rows.add(cells(lines.get(r), spans));
                r++;
            }
            grids.add(new Grid(cells(lines.get(i - 1), spans), rows));
            i = r;
        }
        return grids;
    }

    private static List<String> cells(String line, List<int[]> spans) {
        List<String> cells = new ArrayList<>();
        for (int[] span : spans) {
            int from = Math.min(span[0], line.length());
            int to = Math.min(span[1], line.length());
            cells.add(line.substring(from, to).strip());
        }
        return cells;
    }

    /** RFC 4180 as CsvTables writes it: CRLF rows, quoted fields with doubled quotes. */
    private static List<List<String>> csv(Path file) throws IOException {
        String text = Files.readString(file);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++; // the \n
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
