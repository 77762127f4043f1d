package dev.servebench.store;

/**
 * The results database was locked by another process for the whole of the wait at the start, so
 * this process has no connection to it. Not the user's mistake and not a bug: the world was busy.
 * A run's recorder keeps the message as its failure and names {@code runs import} to record the
 * run from its results folder later.
 */
public final class DatabaseBusyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DatabaseBusyException(String message) {
        super(message);
    }
}
