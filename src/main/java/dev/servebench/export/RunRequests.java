package dev.servebench.export;

import dev.servebench.BadInputException;
import dev.servebench.results.RequestsFile;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A stored run's {@code requests.jsonl}, read as {@link RequestRow}s in file order (the order requests ended). */
public final class RunRequests {
    private RunRequests() {
    }

    /**
     * What a read found.
     *
     * @param rows      rows handed over
     * @param tornLines 0, or 1 when the file ends in a line cut short (skipped; see {@link RequestsFile})
     */
    public record Read(Path file, long rows, int tornLines) {
        /** The stderr note about a skipped last line, or empty. */
        public Optional<String> note() {
            return tornLines == 0 ? Optional.empty() : Optional.of(RequestsFile.tornLinesNote(file, tornLines));
        }
    }

    /** The run's requests file, when the database names one and it is there. */
    public static Optional<Path> file(StoredRun run) {
        return run.requestsFile().map(Path::of).filter(Files::isRegularFile);
    }

    /** Why {@link #file} is empty, in words: for a note or an error message. */
    public static String missing(StoredRun run) {
        return run.requestsFile().map(p -> "its requests file " + p + " is missing")
                .orElse("it was recorded without a requests file");
    }

    /**
     * The run's requests file.
     *
     * @param whatNeedsIt the flags that need it, for the message: "--format parquet"
     * @throws BadInputException when there is none
     */
    public static Path require(StoredRun run, String whatNeedsIt) {
        return file(run).orElseThrow(() -> new BadInputException("run " + run.id() + " has no per-request data ("
                + missing(run) + "), which " + whatNeedsIt + " needs; --format csv or json export its levels"));
    }

    /**
     * Hands every request of the run to {@code sink}.
     *
     * @throws BadInputException when the run has no requests file, or a line in its middle is damaged
     */
    public static Read forEach(StoredRun run, String whatNeedsIt, Consumer<RequestRow> sink) {
        Path file = require(run, whatNeedsIt);
        Map<String, Integer> positions = new HashMap<>();
        for (StoredLevel l : run.levels()) {
            positions.put(l.key(), l.position());
        }
        long[] rows = {0};
        RequestsFile.Read read = RequestsFile.read(file, line -> {
            if (line.phase() == null || line.level() == null) {
                return;
            }
            RequestRow row = RequestRow.of(run.id(), positions.get(line.phase() + " " + line.level()), line);
            sink.accept(row);
            rows[0]++;
        });
        return new Read(file, rows[0], read.tornLines());
    }
}
