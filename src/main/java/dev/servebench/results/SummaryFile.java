package dev.servebench.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.BadInputException;
import dev.servebench.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code summary.json}: the one place that writes it ({@link ResultsFolder}, after every level and at the end) and
 * the entry point of every reader of it (reports, {@code runs import}). The document is {@link SummaryDocument};
 * readers take it as a tree and read its parts leniently with {@link #LENIENT}, so a summary written by a newer
 * version (fields this one does not know) or an older one (before {@code levels_planned}, {@code server_metrics},
 * {@code workers} or {@code prompt_cache}) still opens.
 */
public final class SummaryFile {
    /** The file's name in a results folder. */
    public static final String NAME = "summary.json";

    /** Reads the parts of a summary (target, tool, levels) skipping fields this version does not know. */
    public static final ObjectReader LENIENT = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryFile() {
    }

    /**
     * Replaces {@code folder}'s summary.json with {@code doc} at once (written beside it, then moved over it), so a
     * reader never sees half a summary; a failed write leaves the previous one and no temporary file.
     */
    public static void write(Path folder, SummaryDocument doc) throws IOException {
        Path target = folder.resolve(NAME);
        Path tmp = folder.resolve(NAME + ".tmp");
        try {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            try {
                if (Files.isRegularFile(tmp)) {
                    Files.delete(tmp); // never leave a half-written .tmp behind
                }
            } catch (IOException ignored) {
                // The next successful write replaces it.
            }
            throw e instanceof UncheckedIOException u ? new IOException(u.getMessage(), u) : (IOException) e;
        }
    }

    /** Whether {@code folder} holds a summary.json: whether it is a results folder at all. */
    public static boolean isIn(Path folder) {
        return Files.isRegularFile(folder.resolve(NAME));
    }

    /**
     * {@code folder}'s summary.json as a tree.
     *
     * @throws BadInputException when the folder has none ("not a results folder") or it is not JSON
     */
    public static JsonNode readTree(Path folder) {
        Path file = folder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(folder + " is not a results folder (no " + NAME + ")");
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The tree's schema, "" when it names none. */
    public static String schema(JsonNode summary) {
        return summary.path("schema").asText("");
    }

    /** Whether this version reads a summary of the tree's schema ({@link SummaryDocument#SCHEMA}). */
    public static boolean readable(JsonNode summary) {
        return schema(summary).equals(SummaryDocument.SCHEMA);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
