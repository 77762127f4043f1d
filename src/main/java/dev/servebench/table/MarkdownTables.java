package dev.servebench.table;

import java.util.List;

/** GitHub-flavoured Markdown tables, with cells escaped so a model name cannot break the layout. */
public final class MarkdownTables {
    private MarkdownTables() {
    }

    public static String render(List<ReportTable> tables) {
        StringBuilder sb = new StringBuilder();
        for (ReportTable t : tables) {
            sb.append(render(t)).append('\n');
        }
        return sb.toString();
    }

    public static String render(ReportTable table) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(cell(table.title())).append("\n\n");
        if (!table.note().isEmpty()) {
            sb.append(cell(table.note())).append("\n\n");
        }
        row(sb, table.columns());
        sb.append('|');
        for (int i = 0; i < table.columns().size(); i++) {
            sb.append(i == 0 ? " --- |" : " ---: |");
        }
        sb.append('\n');
        for (List<String> r : table.rows()) {
            row(sb, r);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(cell(c)).append(" |");
        }
        sb.append('\n');
    }

    /** Pipes split cells, newlines end rows, and inline HTML would render in many viewers. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
