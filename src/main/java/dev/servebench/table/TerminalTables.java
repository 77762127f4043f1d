package dev.servebench.table;


/**
 * A {@link ReportTable} as terminal text: the renderer beside {@link MarkdownTables} and {@link CsvTables}, so what
 * a command prints and what its report writes are the same cells.
 */
public final class TerminalTables {
    private TerminalTables() {
    }

    /** The title on its own line, the note (if any) on the next, then the grid. */
    public static String render(ReportTable table) {
        StringBuilder sb = new StringBuilder();
        if (!table.title().isEmpty()) {
            sb.append(table.title()).append('\n');
        }
        if (!table.note().isEmpty()) {
            sb.append(table.note()).append('\n');
        }
        return sb.append(grid(table)).toString();
    }

    /** Only the header and the rows, aligned: for a caller that words the heading itself. */
    public static String grid(ReportTable table) {
        TextTable text = new TextTable(table.columns());
        table.rows().forEach(text::row);
        return text.render();
    }
}
