package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The results folders a run or experiment id names in the results database, for {@code servebench report ID}: the
 * run's own, or every run's of the experiment. Looked up through {@link RecordedRuns}, like every other command
 * that takes an id; the database is opened at the first id and closed with this.
 */
public final class ResultsFolders implements AutoCloseable {
    private final Supplier<DatabaseLocation> database;
    private RecordedRuns recorded;

    /** {@code database} is asked only when an id is looked up: folders alone need no database. */
    public ResultsFolders(Supplier<DatabaseLocation> database) {
        this.database = database;
    }

    /** The folders of the run or experiment {@code id}; bad input naming what to give instead when there is none. */
    public List<Path> of(String id) {
        if (recorded == null) {
            recorded = RecordedRuns.open(database.get());
        }
        RecordedRuns.Record record;
        try {
            record = recorded.record(id);
        } catch (BadInputException e) {
            throw new BadInputException("no results folder or run/experiment id '" + id + "' in "
                    + recorded.display() + "; give the folder bench wrote (bench --out) or an id from "
                    + "'servebench runs list'");
        }
        return switch (record) {
            case RecordedRuns.Run r -> List.of(folderOf(r.run()));
            case RecordedRuns.Experiment x -> experimentFolders(x.experiment());
            case RecordedRuns.Eval e -> throw new BadInputException("'" + id + "' is an accuracy check; its report "
                    + "is in its own folder (servebench runs show " + id + ")");
        };
    }

    private List<Path> experimentFolders(StoredExperiment experiment) {
        return recorded.store().runsOf(experiment.id()).stream().map(ResultsFolders::folderOf).toList();
    }

    private static Path folderOf(StoredRun run) {
        Path requests = run.requestsFile().map(Path::of).orElseThrow(() -> new BadInputException(
                "run " + run.id() + " has no results folder recorded (it was run with no --out folder)"));
        Path folder = requests.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new BadInputException("run " + run.id() + "'s results folder " + folder + " no longer exists");
        }
        return folder;
    }

    @Override
    public void close() {
        if (recorded != null) {
            recorded.close();
        }
    }
}
