package dev.servebench.export;

import dev.servebench.store.StoredRun;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's requests as CSV, one row per request in the order they ended, with the header
 * {@link RequestColumn#names()}. Empty cells are absent values; {@code itl_ms} holds the gaps
 * separated by spaces. Numbers are written plainly (no exponent), text is quoted when it must be
 * (RFC 4180).
 */
public final class RequestsCsv {
    public static final String WHAT = "--format csv --requests";

    private RequestsCsv() {
    }

    public static RunRequests.Read write(StoredRun run, PrintWriter out) {
        RunRequests.require(run, WHAT);
        out.println(String.join(",", RequestColumn.names()));
        return RunRequests.forEach(run, WHAT, row -> out.println(line(row)));
    }

    static String line(RequestRow row) {
        List<String> cells = new ArrayList<>(RequestColumn.ALL.size());
        for (RequestColumn c : RequestColumn.ALL) {
            cells.add(cell(c.value().apply(row)));
        }
        return String.join(",", cells);
    }

    private static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Double d -> number(d);
            case double[] list -> {
                List<String> parts = new ArrayList<>(list.length);
                for (double v : list) {
                    parts.add(number(v));
                }
                yield String.join(" ", parts);
            }
            case String s -> text(s);
            default -> value.toString();
        };
    }

    private static String number(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    private static String text(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
