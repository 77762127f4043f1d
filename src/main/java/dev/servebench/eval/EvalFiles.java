package dev.servebench.eval;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.servebench.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An accuracy check's results folder: {@code eval.json} with each task's accuracy and interval, and
 * {@code failed-<task>.jsonl} with every item answered wrong (id, prompt, answer, expected, what the grader read,
 * the request's error) for inspection.
 */
public final class EvalFiles {
    public static final String SUMMARY_FILE = "eval.json";

    private EvalFiles() {
    }

    /** A failed item as written: the answer as the server gave it. */
    record FailedItem(String id, String prompt, String answer, String expected, String extracted, String error) {
    }

    /** Writes the folder; {@code about} (url, model, settings) goes into eval.json before the tasks. */
    public static void write(Path folder, Map<String, Object> about, List<TaskResult> results) {
        try {
            Files.createDirectories(folder);
            Map<String, Object> summary = new LinkedHashMap<>(about);
            summary.put("tasks", results.stream().map(TaskResult::accuracy).toList());
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve(SUMMARY_FILE).toFile(), summary);
            ObjectWriter line = Json.mapper().writer();
            for (TaskResult r : results) {
                try (BufferedWriter out = Files.newBufferedWriter(failedFile(folder, r.task().name()),
                        StandardCharsets.UTF_8)) {
                    for (ItemResult i : r.wrong()) {
                        out.write(line.writeValueAsString(new FailedItem(i.item().id(), i.item().prompt(), i.answer(),
                                i.item().expected(), i.grade().extracted(), i.error().orElse(null))));
                        out.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the accuracy results to " + folder + ": " + e.getMessage(), e);
        }
    }

    public static Path failedFile(Path folder, String task) {
        return folder.resolve("failed-" + task.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }
}
