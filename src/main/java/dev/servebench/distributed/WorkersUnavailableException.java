package dev.servebench.distributed;

/**
 * The load workers cannot run the benchmark: too few joined in time, one could not prepare (its reason
 * says why, e.g. the target is unreachable from where it runs), or every one of them is gone.
 */
public final class WorkersUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkersUnavailableException(String message) {
        super(message);
    }
}
