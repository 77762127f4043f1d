package dev.servebench.experiment;

/** An experiment could not go on: a command failed, a server never became ready. The message is one line for the user. */
public final class ExperimentException extends RuntimeException {
    public ExperimentException(String message) {
        super(message);
    }

    public ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
