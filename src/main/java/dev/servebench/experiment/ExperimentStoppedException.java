package dev.servebench.experiment;

/**
 * The user stopped an experiment (Ctrl-C, SIGTERM). The trial under way ended gracefully and is kept, marked
 * partial; no further trial starts and no analysis is made from an incomplete design.
 */
public final class ExperimentStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int trialsRun;

    public ExperimentStoppedException(int trialsRun) {
        super("stopped by the user after " + trialsRun + (trialsRun == 1 ? " run" : " runs")
                + "; the last one is partial, no analysis was made");
        this.trialsRun = trialsRun;
    }

    /** Runs that were started, the interrupted one included. */
    public int trialsRun() {
        return trialsRun;
    }
}
