package dev.servebench.distributed;

import java.util.Optional;

/**
 * Where the workers run and how they end: local processes or a Kubernetes Job. Closing one ends its
 * workers and removes what it created, whether the run succeeded, failed or was stopped.
 */
public interface WorkerFleet extends AutoCloseable {
    /** How many workers it starts. */
    int size();

    /** Why a worker cannot join any more (its process exited, its pod failed), or empty. */
    Optional<String> failure();

    @Override
    void close();
}
