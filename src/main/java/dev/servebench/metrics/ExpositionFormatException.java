package dev.servebench.metrics;

/** A body that is not valid Prometheus text exposition (format 0.0.4); the message names the line and why. */
public final class ExpositionFormatException extends Exception {
    public ExpositionFormatException(String message) {
        super(message);
    }
}
