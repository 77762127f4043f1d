package dev.servebench.bench;

/**
 * The target cannot be benchmarked at all (nothing listens, the key is refused, the model is not
 * served): found by {@link Preflight} before any level runs, so a dead server fails in seconds with
 * its cause instead of "succeeding" with thousands of failed requests.
 */
public final class TargetUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetUnavailableException(String message) {
        super(message);
    }
}
