package dev.servebench.table;

import java.util.List;

/** RFC 4180 CSV: one table per file, header row first, CRLF line ends. */
public final class CsvTables {
    private CsvTables() {
    }

    public static String render(ReportTable table) {
        StringBuilder sb = new StringBuilder();
        line(sb, table.columns());
        for (List<String> row : table.rows()) {
            line(sb, row);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(cells.get(i)));
        }
        sb.append("\r\n");
    }

    static String field(String v) {
        // A leading = + - @ makes spreadsheets evaluate the cell; a model name must stay text.
        String safe = !v.isEmpty() && "=+@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
