package dev.servebench.metrics;

/** A scrape or query that gave nothing usable; the message says why in one line, without credentials. */
public final class MetricsUnavailableException extends Exception {
    public MetricsUnavailableException(String message) {
        super(message);
    }
}
