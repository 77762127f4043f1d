package dev.servebench.report.html;

import dev.servebench.report.ReportModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a report as one self-contained HTML file: style, ECharts, the page script and the data
 * are all inlined, so it opens offline and can be mailed as one attachment. No data is ever
 * spliced into HTML: it travels as script-safe JSON, and the page puts it on screen with
 * textContent and chart options only.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(ReportModel model) {
        Map<String, String> parts = Map.of(
                "/*@STYLE@*/", ReportAssets.style(),
                "@ECHARTS_VERSION@", ReportAssets.ECHARTS_VERSION,
                "/*@DATA@*/", ScriptSafeJson.write(ReportPayload.of(model)),
                "/*@ECHARTS@*/", ReportAssets.echarts(),
                "/*@SCRIPT@*/", ReportAssets.script());
        return fill(ReportAssets.template(), parts);
    }

    /**
     * Replaces markers in the template only, in one pass: text already inserted (the data, which
     * may quote a marker in a model name) is never scanned again.
     */
    static String fill(String template, Map<String, String> parts) {
        StringBuilder out = new StringBuilder(template.length() + 2_000_000);
        int at = 0;
        while (at < template.length()) {
            int next = -1;
            String marker = null;
            for (String m : parts.keySet()) {
                int i = template.indexOf(m, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    marker = m;
                }
            }
            if (marker == null) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, next).append(parts.get(marker));
            at = next + marker.length();
        }
        return out.toString();
    }

    /** Writes atomically, so a reader never sees half a report. */
    public static Path write(ReportModel model, Path file) throws IOException {
        return writeAtomically(render(model), file);
    }

    /** Through a temporary file and an atomic move: a page is there whole or not at all. */
    static Path writeAtomically(String html, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
