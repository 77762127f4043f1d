package dev.servebench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.TargetInfo;
import dev.servebench.store.Json;
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

    /** A results folder: {@code summary.json}, plus distributions from {@code requests.jsonl} if present. */
    public static ReportRun fromFolder(Path folder) {
        Path summary = folder.resolve(ResultsFolder.SUMMARY_FILE);
        if (!Files.isRegularFile(summary)) {
            throw new IllegalArgumentException(folder + " is not a results folder (no " + ResultsFolder.SUMMARY_FILE
                    + ")");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(summary.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + summary + ": " + e.getMessage(), e);
        }
        Path requests = folder.resolve(ResultsFolder.REQUESTS_FILE);
        Map<String, LevelDistributions> distributions = Files.isRegularFile(requests)
                ? RequestDistributions.read(requests) : Map.of();
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return fromSummary(name == null ? folder.toString() : name.toString(), tree, distributions);
    }

    /** A finished run still in memory (no per-request distributions: those live in requests.jsonl). */
    public static ReportRun fromResult(String id, BenchmarkResult result, ToolInfo tool) {
        return fromSummary(id, Json.mapper().valueToTree(SummaryDocument.complete(tool, result)), Map.of());
    }

    public static ReportRun fromSummary(String id, JsonNode summary, Map<String, LevelDistributions> distributions) {
        String schema = summary.path("schema").asText("");
        if (!schema.equals(SummaryDocument.SCHEMA)) {
            throw new IllegalArgumentException("run " + id + " has summary schema '" + schema + "'; this version reads "
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
