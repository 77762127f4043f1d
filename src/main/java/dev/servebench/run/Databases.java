package dev.servebench.run;

import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.store.WriteRetry;

import java.io.PrintWriter;
import java.util.Optional;

/** Opening the results database for records made in one piece (an experiment's row, an accuracy check). */
final class Databases {
    private Databases() {
    }

    /**
     * The opened store, or empty without a database. A database another process keeps locked is said on
     * {@code err}, waited for a bounded time, then left out as if none was given: a record made in one piece cannot
     * be half-written and completed later.
     */
    static Optional<RunStore> openIfAvailable(Optional<DatabaseLocation> database, PrintWriter err) {
        if (database.isEmpty()) {
            return Optional.empty();
        }
        RunStore store = RunStore.open(database.get(), WriteRetry.DEFAULT, note -> {
            err.println("servebench: " + note);
            err.flush();
        });
        if (!store.available()) {
            store.close();
            return Optional.empty();
        }
        return Optional.of(store);
    }
}
