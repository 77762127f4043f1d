package dev.servebench.advise;

import dev.servebench.BadInputException;
import java.util.Locale;

/** What the deployment optimises for; picks the scheduling profile (rule S1). */
public enum Goal {
    LATENCY, BALANCED, THROUGHPUT, MAX;

    public static Goal parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown goal '" + text + "'; use latency, balanced, throughput or max");
        }
    }

    /** Goals that trade some latency or memory safety for aggregate tokens per second. */
    public boolean favoursThroughput() {
        return this == THROUGHPUT || this == MAX;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
