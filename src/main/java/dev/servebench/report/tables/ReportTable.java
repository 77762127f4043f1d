package dev.servebench.report.tables;

import java.util.List;

/**
 * One of the study's tables, as cells of text: the same object becomes Markdown, CSV and an HTML
 * table, so the three never disagree.
 *
 * @param id      file-name-safe name, e.g. "scaling" (the CSV is {@code <id>.csv})
 * @param note    what the numbers mean and what they are relative to; may be empty
 * @param columns machine-friendly headers with units (e.g. {@code total_tok_s}), as in the study's data
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
}
