package dev.servebench.table;

import java.util.List;

/**
 * A table as cells of text: the same object becomes terminal text ({@link TerminalTables}), Markdown, CSV and an
 * HTML table, so none of them can disagree.
 *
 * @param id      file-name-safe name, e.g. "scaling" (the CSV is {@code <id>.csv})
 * @param title   the heading; may be empty where the caller words it
 * @param note    what the numbers mean and what they are relative to; may be empty
 * @param columns headers with units: machine-friendly (e.g. {@code total_tok_s}) for the study's tables, the
 *                terminal's own (e.g. {@code total tok/s}) for tables the terminal prints too
 */
public record ReportTable(String id, String title, String note, List<String> columns, List<List<String>> rows) {
    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table " + id + ": row " + row + " has " + row.size()
                        + " cells for " + columns.size() + " columns");
            }
        }
    }

    /**
     * {@code base-<part>} with the part made file-name safe: the id of a table a result has once per something
     * named by the user (an ablation's condition).
     */
    public static String id(String base, String part) {
        return base + "-" + part.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
