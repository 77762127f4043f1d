package dev.servebench.store;

import dev.servebench.BadInputException;
import java.util.Locale;

/** What produced a stored run. */
public enum RunKind {
    /** {@code bench} against a live endpoint (or the built-in target). */
    BENCH,
    /** {@code predict}: the simulator in virtual time. */
    PREDICT,
    /** One run inside an {@code experiment}. */
    EXPERIMENT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunKind parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown run kind '" + text + "'; use bench, predict or experiment");
        }
    }
}
