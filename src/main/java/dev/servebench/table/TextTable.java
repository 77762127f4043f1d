package dev.servebench.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminals and logs: numeric columns right-aligned so digits line up,
 * text columns (any cell with a letter: names, ids, statuses) left-aligned, headers with their
 * column.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        boolean[] left = new boolean[widths.length];
        for (int i = 0; i < widths.length; i++) {
            final int column = i;
            left[i] = i == 0 || rows.stream().anyMatch(r -> r.get(column).chars().anyMatch(Character::isLetter));
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, headers, widths, left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        sb.append('\n');
        for (List<String> row : rows) {
            appendRow(sb, row, widths, left);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths, boolean[] left) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            sb.append(i == 0 ? "" : "  ");
            if (left[i]) {
                sb.append(cell).append(pad);
            } else {
                sb.append(pad).append(cell);
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }
}
