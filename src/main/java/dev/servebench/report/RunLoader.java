package dev.servebench.report;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.TargetInfo;
import dev.servebench.json.Json;
import dev.servebench.results.RequestsFile;
import dev.servebench.results.SummaryDocument;
import dev.servebench.results.SummaryFile;
import dev.servebench.results.ToolInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads runs for reports. Every source goes through the same {@code summary.json} tree, so a
 * report of a run in memory and of the same run read back from disk are identical.
 */
public final class RunLoader {
    // Newer summaries may carry fields this version does not know; a report should still open them.
    private static final ObjectReader LENIENT = SummaryFile.LENIENT;

    private RunLoader() {
    }

    /**
     * A results folder: {@code summary.json}, plus distributions from {@code requests.jsonl} if present.
     * An incomplete last line of requests.jsonl (a crash mid-append) is skipped and said once on
     * stderr; a damaged line in the middle is refused, naming the file and line.
     */
    public static ReportRun fromFolder(Path folder) {
        return fromFolder(folder, note -> System.err.println("servebench: " + note));
    }

    /** The same, saying what was skipped to {@code warnings} (one line per folder with a torn line). */
    public static ReportRun fromFolder(Path folder, Consumer<String> warnings) {
        JsonNode tree = SummaryFile.readTree(folder);
        Path requests = folder.resolve(RequestsFile.NAME);
        Map<String, LevelDistributions> distributions = Map.of();
        if (Files.isRegularFile(requests)) {
            RequestDistributions.Read read = RequestDistributions.read(requests);
            distributions = read.byLevel();
            if (read.tornLines() > 0) {
                warnings.accept(RequestsFile.tornLinesNote(requests, read.tornLines()));
            }
            unsummarisedLevels(tree, distributions.keySet()).forEach(level -> warnings.accept(requests + ": level "
                    + level + " has requests but no summary (the run ended before summarising it); it is left out "
                    + "of the report, its requests are in the file"));
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return fromSummary(name == null ? folder.toString() : name.toString(), tree, distributions);
    }

    /** Levels with request records that summary.json does not hold: a run killed between a level's end and its summary. */
    private static List<String> unsummarisedLevels(JsonNode summary, java.util.Set<String> recorded) {
        java.util.Set<String> summarised = new java.util.HashSet<>();
        for (JsonNode level : summary.path("levels")) {
            summarised.add(level.path("phase").asText() + " " + level.path("name").asText());
        }
        return recorded.stream().filter(level -> !summarised.contains(level)).sorted().toList();
    }

    /** A finished run still in memory (no per-request distributions: those live in requests.jsonl). */
    public static ReportRun fromResult(String id, BenchmarkResult result, ToolInfo tool) {
        return fromSummary(id, Json.mapper().valueToTree(SummaryDocument.complete(tool, result)), Map.of());
    }

    public static ReportRun fromSummary(String id, JsonNode summary, Map<String, LevelDistributions> distributions) {
        if (!SummaryFile.readable(summary)) {
            throw new BadInputException("run " + id + " has summary schema '" + SummaryFile.schema(summary)
                    + "'; this version reads "
                    + SummaryDocument.SCHEMA);
        }
        String where = "run " + id + " (summary.json)";
        List<SummaryDocument.Level> levels = new ArrayList<>();
        int i = 0;
        for (JsonNode level : summary.path("levels")) {
            levels.add(field(where, "levels[" + i++ + "]", () -> LENIENT.treeToValue(level, SummaryDocument.Level.class)));
        }
        return new ReportRun(id, field(where, "target", () -> LENIENT.treeToValue(summary.path("target"), TargetInfo.class)),
                field(where, "tool", () -> LENIENT.treeToValue(summary.path("tool"), ToolInfo.class)),
                field(where, "started", () -> Instant.parse(summary.path("started").asText())),
                field(where, "finished", () -> text(summary, "finished").map(Instant::parse)),
                summary.path("complete").asBoolean(), summary.path("config"), levels, text(summary, "peak_level"),
                text(summary, "saturation_point"), distributions, Optional.empty());
    }

    private interface FieldReader<T> {
        T read() throws IOException;
    }

    /**
     * One field of a summary read, or bad input naming the run, the field and what is wrong with it: a summary.json
     * edited by hand or damaged by another tool is the user's file, not a bug.
     */
    private static <T> T field(String where, String field, FieldReader<T> reader) {
        try {
            return reader.read();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInputException(where + ": field '" + field + "' is '" + e.getParsedString() + "', not a time "
                    + "such as 2026-12-06T12:51:44Z; restore it or rerun");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").reduce((x, y) -> y.startsWith("[") ? x + y : x + "." + y).orElse("");
            throw new BadInputException(where + ": field '" + field + (path.isEmpty() ? "" : "." + path) + "' cannot be "
                    + "read (" + e.getOriginalMessage().lines().findFirst().orElse("") + "); restore it or rerun");
        } catch (IOException e) {
            throw new BadInputException(where + ": field '" + field + "' cannot be read (" + e.getMessage()
                    + "); restore it or rerun");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
