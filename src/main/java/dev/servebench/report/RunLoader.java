package dev.servebench.report;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.TargetInfo;
import dev.servebench.store.Json;
import dev.servebench.store.RequestsFile;
import dev.servebench.store.ResultsFolder;
import dev.servebench.store.SummaryDocument;
import dev.servebench.store.ToolInfo;

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
    private static final ObjectReader LENIENT = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        Path summary = folder.resolve(ResultsFolder.SUMMARY_FILE);
        if (!Files.isRegularFile(summary)) {
            throw new BadInputException(folder + " is not a results folder (no " + ResultsFolder.SUMMARY_FILE
                    + ")");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(summary.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + summary + ": " + e.getMessage(), e);
        }
        Path requests = folder.resolve(ResultsFolder.REQUESTS_FILE);
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
        String schema = summary.path("schema").asText("");
        if (!schema.equals(SummaryDocument.SCHEMA)) {
            throw new BadInputException("run " + id + " has summary schema '" + schema + "'; this version reads "
                    + SummaryDocument.SCHEMA);
        }
        try {
            List<SummaryDocument.Level> levels = new ArrayList<>();
            for (JsonNode level : summary.path("levels")) {
                levels.add(LENIENT.treeToValue(level, SummaryDocument.Level.class));
            }
            return new ReportRun(id, LENIENT.treeToValue(summary.path("target"), TargetInfo.class),
                    LENIENT.treeToValue(summary.path("tool"), ToolInfo.class),
                    Instant.parse(summary.path("started").asText()),
                    text(summary, "finished").map(Instant::parse), summary.path("complete").asBoolean(),
                    summary.path("config"), levels, text(summary, "peak_level"),
                    text(summary, "saturation_point"), distributions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot interpret the summary of run " + id, e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
