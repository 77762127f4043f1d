package dev.servebench.report;

import dev.servebench.report.html.HtmlReport;
import dev.servebench.report.tables.StudyTables;
import dev.servebench.table.CsvTables;
import dev.servebench.table.MarkdownTables;
import dev.servebench.table.ReportTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report's files: the HTML, and optionally the study's tables as one Markdown file plus
 * one CSV per table. The library entry point that {@code bench} and {@code report} both use.
 */
public final class ReportFiles {
    public static final String HTML_FILE = "report.html";
    public static final String MARKDOWN_FILE = "tables.md";

    private ReportFiles() {
    }

    /** What was written, for printing. */
    public record Written(Path html, List<Path> tables) {
        public Written {
            tables = List.copyOf(tables);
        }
    }

    public static Written write(ReportModel model, Path htmlFile, Path tablesFolder) throws IOException {
        HtmlReport.write(model, htmlFile);
        List<Path> tables = tablesFolder == null ? List.of() : writeTables(StudyTables.of(model), tablesFolder);
        return new Written(htmlFile, tables);
    }

    public static List<Path> writeTables(List<ReportTable> tables, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        Path md = folder.resolve(MARKDOWN_FILE);
        Files.writeString(md, MarkdownTables.render(tables), StandardCharsets.UTF_8);
        written.add(md);
        for (ReportTable t : tables) {
            Path csv = folder.resolve(t.id() + ".csv");
            Files.writeString(csv, CsvTables.render(t), StandardCharsets.UTF_8);
            written.add(csv);
        }
        return written;
    }
}
