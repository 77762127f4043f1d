package dev.servebench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tables back the three ways servebench writes them, for the tests that hold the terminal and the report to
 * the same cells (issue #29): as printed ({@code TextTable} grids in a command's output), as CSV ({@code CsvTables})
 * and as the report page's data.
 */
public final class PrintedTables {
    private static final Pattern REPORT_DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    private PrintedTables() {
    }

    /** A table printed by TextTable: a header line, a line of dashes whose runs give the columns, then rows. */
    public record Grid(List<String> header, List<List<String>> rows) {
    }

    /**
     * Every grid in the text. A grid's rows end at a blank line, a line that starts with a space, or a line with
     * text where the grid has its two-space gaps between columns (the prose line printed right under a table).
     */
    public static List<Grid> grids(String text) {
        List<String> lines = text.lines().toList();
        List<Grid> grids = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).matches("-+( +-+)*")) {
                continue;
            }
            List<int[]> spans = new ArrayList<>();
            Matcher m = Pattern.compile("-+").matcher(lines.get(i));
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            List<List<String>> rows = new ArrayList<>();
            int r = i + 1;
            while (r < lines.size() && !lines.get(r).isBlank() && !lines.get(r).startsWith(" ")
                    && fits(lines.get(r), spans)) {
                rows.add(cells(lines.get(r), spans));
                r++;
            }
            grids.add(new Grid(cells(lines.get(i - 1), spans), rows));
            i = r;
        }
        return grids;
    }

    /** The one grid printed with this header. */
    public static Grid grid(String text, List<String> header) {
        List<Grid> found = grids(text).stream().filter(g -> g.header().equals(header)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " tables headed " + header + " in\n" + text);
        }
        return found.getFirst();
    }

    private static boolean fits(String line, List<int[]> spans) {
        for (int k = 1; k < spans.size(); k++) {
            for (int at = spans.get(k - 1)[1]; at < spans.get(k)[0]; at++) {
                if (at < line.length() && line.charAt(at) != ' ') {
                    return false;
                }
            }
        }
        return true;
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

    /**
     * RFC 4180 as CsvTables writes it: CRLF rows, quoted fields with doubled quotes, and the quote it puts before a
     * leading = + @ (so a spreadsheet keeps the cell as text) taken off again. Header row first.
     */
    public static List<List<String>> csv(Path file) throws IOException {
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
                row.add(unguarded(field));
                field.setLength(0);
            } else if (c == '\r') {
                row.add(unguarded(field));
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

    private static String unguarded(StringBuilder field) {
        String v = field.toString();
        return v.length() > 1 && v.charAt(0) == '\'' && "=+@".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }

    /** The data a report page (report.html) draws from. */
    public static JsonNode reportData(Path html) throws IOException {
        Matcher m = REPORT_DATA.matcher(Files.readString(html));
        if (!m.find()) {
            throw new AssertionError("no report data in " + html);
        }
        return Json.mapper().readTree(m.group(1));
    }

    /** The header and rows of the page's table {@code id}, as lists of cells like {@link #csv}'s. */
    public static List<List<String>> reportTable(JsonNode data, String id) {
        for (JsonNode t : data.path("tables")) {
            if (t.path("id").asText().equals(id)) {
                List<List<String>> rows = new ArrayList<>();
                rows.add(texts(t.path("columns")));
                t.path("rows").forEach(r -> rows.add(texts(r)));
                return rows;
            }
        }
        throw new AssertionError("no table " + id + " in the page's data");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
