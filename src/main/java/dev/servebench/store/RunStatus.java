package dev.servebench.store;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a stored run stands; stored and shown in lower case. */
public enum RunStatus {
    /** Levels are still arriving (or its process died and no reader has noticed yet). */
    RUNNING,
    /** It finished every planned level. */
    COMPLETE,
    /** It stopped early: interrupted by the user, a phase given up, a failed database write, a crash it saw. */
    PARTIAL,
    /** Never written by the run itself: its process ended while the run was still running (kill -9, power loss). */
    INTERRUPTED;

    @JsonValue
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown run status '" + text
                    + "'; use running, complete, partial or interrupted");
        }
    }

    @Override
    public String toString() {
        return dbName();
    }
}
