package dev.servebench.store;

import dev.servebench.json.Json;
import dev.servebench.results.RequestsFile;
import dev.servebench.results.SummaryDocument;
import dev.servebench.results.SummaryFile;
import dev.servebench.results.ToolInfo;
import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.bench.TargetInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A results folder read back for {@link RunStore#importFolder}: what its run would have recorded,
 * from summary.json (run, levels, end) and requests.jsonl (when the run ended, if the summary does
 * not say).
 *
 * @param requestsFile       the folder's requests.jsonl, absolute, as the database points at it
 * @param complete           as the run would have ended it: the summary's last rewrite (complete)
 *                           came, and every planned level ran
 * @param finishedEpochMillis the summary's end, else the end of the last request, else the start
 * @param tornRequestLines   incomplete last lines of requests.jsonl skipped (0 or 1)
 */
record FolderRun(Path folder, Path requestsFile, TargetInfo target, ToolInfo tool, String configJson,
                 long startedEpochMillis, long finishedEpochMillis, boolean complete,
                 List<SummaryDocument.Level> levels, int tornRequestLines) {

    // Summaries written by newer versions may hold fields this one does not know.
    private static final ObjectReader LENIENT = SummaryFile.LENIENT;

    FolderRun {
        levels = List.copyOf(levels);
    }

    static FolderRun read(Path folder) {
        Path summaryFile = folder.resolve(SummaryFile.NAME);
        JsonNode summary = SummaryFile.readTree(folder);
        if (!SummaryFile.readable(summary)) {
            throw new BadInputException(summaryFile + " has schema '" + SummaryFile.schema(summary)
                    + "'; this version imports "
                    + SummaryDocument.SCHEMA);
        }
        try {
            TargetInfo target = LENIENT.treeToValue(summary.path("target"), TargetInfo.class);
            ToolInfo tool = LENIENT.treeToValue(summary.path("tool"), ToolInfo.class);
            if (target == null || target.url() == null || target.model() == null || tool == null) {
                throw new BadInputException(summaryFile + " lacks its target or tool");
            }
            long started = Instant.parse(summary.path("started").asText()).toEpochMilli();
            List<SummaryDocument.Level> levels = new ArrayList<>();
            for (JsonNode level : summary.path("levels")) {
                levels.add(LENIENT.treeToValue(level, SummaryDocument.Level.class));
            }
            Path requests = folder.resolve(RequestsFile.NAME).toAbsolutePath().normalize();
            EndOfRequests end = Files.isRegularFile(requests) ? EndOfRequests.of(requests) : new EndOfRequests(0, 0);
            long finished = summary.path("finished").isTextual()
                    ? Instant.parse(summary.path("finished").asText()).toEpochMilli()
                    : started + (long) Math.ceil(end.lastEndMillis());
            JsonNode planned = summary.path("levels_planned");
            // Summaries from before levels_planned: the final rewrite is all there is to go by.
            boolean complete = summary.path("complete").asBoolean(false)
                    && (!planned.isInt() || planned.asInt() == levels.size());
            if (!summary.path("config").isObject()) {
                throw new BadInputException(summaryFile + " lacks the run's config");
            }
            return new FolderRun(folder, requests, target, tool, Json.mapper().writeValueAsString(summary.path("config")),
                    started, finished, complete, levels, end.tornLines());
        } catch (IOException | DateTimeException e) {
            throw new BadInputException("cannot interpret " + summaryFile + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The id an import records this run under: its start, and a hash of what tells it from any other
     * run (start to the millisecond, client host, target, model), so the same folder, even moved or
     * copied, always maps to the same id.
     */
    String importId() {
        return RunIds.imported(startedEpochMillis, startedEpochMillis + "\n" + tool.host() + "\n" + target.url() + "\n"
                + target.model());
    }

    /** Whether a requests_file the database holds is this file (paths compare normalized, then as files). */
    static boolean sameFile(String stored, Path file) {
        try {
            Path storedPath = Path.of(stored).toAbsolutePath().normalize();
            if (storedPath.equals(file)) {
                return true;
            }
            return Files.exists(storedPath) && Files.exists(file) && Files.isSameFile(storedPath, file);
        } catch (InvalidPathException | IOException e) {
            return false;
        }
    }

    /** The last request's end in milliseconds since the run started, read from requests.jsonl. */
    private record EndOfRequests(double lastEndMillis, int tornLines) {
        static EndOfRequests of(Path requests) {
            double[] last = {0};
            RequestsFile.Read read = RequestsFile.read(requests, line -> {
                if (!Double.isNaN(line.endMs())) {
                    last[0] = Math.max(last[0], line.endMs());
                }
            });
            return new EndOfRequests(last[0], read.tornLines());
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
