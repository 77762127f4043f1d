package dev.servebench.results;

import java.io.IOException;

/** The results folder refuses writes before the run starts (full disk, read-only): nothing is measured. */
public final class ResultsNotWritableException extends IOException {
    public ResultsNotWritableException(String message) {
        super(message);
    }
}
