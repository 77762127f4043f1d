package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.results.RequestsFile;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.ImportedRun;
import dev.servebench.store.RunKind;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code runs import}: a results folder recorded in the database as its run would have been recorded, for a run the
 * database missed (locked or unreachable during the run, or run without one).
 */
public final class RunsImport {

    /**
     * @param database the results database
     * @param folder   the run's results folder (summary.json, requests.jsonl)
     * @param kind     what produced it: only a run's folder can be imported, a bench's or a predict's
     */
    public record Options(DatabaseLocation database, Path folder, RunKind kind) {
        public Options {
            if (kind == RunKind.EXPERIMENT) {
                throw new BadInputException("--kind experiment cannot be imported: the folder does not say which "
                        + "experiment; use bench or predict");
            }
            if (kind != RunKind.BENCH && kind != RunKind.PREDICT) {
                throw new BadInputException("--kind " + kind.dbName() + " cannot be imported: only a run's folder "
                        + "(summary.json, requests.jsonl) can; use bench or predict");
            }
        }
    }

    /**
     * @param run      how it was recorded
     * @param note     the note about an incomplete last line of requests.jsonl that was skipped, if one was
     * @param database the database it was recorded in, for display
     */
    public record Result(ImportedRun run, Optional<String> note, String database) {
    }

    private RunsImport() {
    }

    public static Result run(Options options) {
        try (RecordedRuns recorded = RecordedRuns.open(options.database())) {
            ImportedRun run = recorded.store().importFolder(options.folder(), options.kind());
            Optional<String> note = run.tornRequestLines() == 0 ? Optional.empty() : Optional.of(
                    RequestsFile.tornLinesNote(options.folder().resolve(ResultsFolder.REQUESTS_FILE),
                            run.tornRequestLines()));
            return new Result(run, note, recorded.display());
        }
    }
}
