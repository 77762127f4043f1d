package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.store.WriteRetry;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Optional;

/** Where runs are recorded: {@code --db} (a SQLite file or a PostgreSQL URL) or {@code --no-db}. */
final class DbOptions {
    @Option(names = "--db", paramLabel = "PATH|JDBC_URL",
            description = "Results database: a SQLite file, or jdbc:postgresql://host/db?user=… for a team server "
                    + "(default: $XDG_DATA_HOME/servebench/runs.db, else ~/.local/share/servebench/runs.db).")
    String db;

    @Option(names = "--no-db", description = "Do not record this run in the results database (commands that read "
            + "the database refuse it).")
    boolean noDb;

    /**
     * The opened store, or null with --no-db. A database another process keeps locked is said once on
     * {@code err}, waited for a bounded time, then returned unavailable: a run is benchmarked anyway and
     * its recorder names the {@code runs import} that records it later.
     */
    RunStore open(PrintWriter err) {
        Optional<DatabaseLocation> location = location();
        if (location.isEmpty()) {
            return null;
        }
        return RunStore.open(location.get(), WriteRetry.DEFAULT, note -> {
            err.println("servebench: " + note);
            err.flush();
        });
    }

    /** The database the flags name, or empty with --no-db: for the application layer, which opens it itself. */
    Optional<DatabaseLocation> location() {
        if (noDb) {
            if (db != null) {
                throw new BadInputException("give either --db or --no-db, not both");
            }
            return Optional.empty();
        }
        return Optional.of(DatabaseLocation.parse(db));
    }

    /**
     * For commands that read the database: the database the flags name. --no-db makes no sense there, and is refused
     * rather than ignored.
     */
    DatabaseLocation readingLocation() {
        if (noDb) {
            throw new BadInputException("--no-db: this command reads the results database; drop --no-db (or give "
                    + "--db PATH for another database)");
        }
        return DatabaseLocation.parse(db);
    }

    /** The database the flags name, opened for reading (see {@link #readingLocation}). */
    RunStore openForReading() {
        return RunStore.open(readingLocation());
    }
}
