package dev.servebench.store;

import java.util.Locale;

/** Where a stored experiment stands; stored and shown in lower case. */
public enum ExperimentStatus {
    /** Trials are still running (or its process died). */
    RUNNING,
    /** Every planned trial ran and the analysis is stored. */
    COMPLETE,
    /** The user stopped it (Ctrl-C, SIGTERM): the trials before are kept, no analysis is stored. */
    STOPPED,
    /** A trial, a command or a readiness wait failed. */
    FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return dbName();
    }
}
