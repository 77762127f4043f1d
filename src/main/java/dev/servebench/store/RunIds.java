package dev.servebench.store;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ids made by servebench rather than the database, so SQLite and PostgreSQL share one schema with
 * no auto-increment dialects: {@code 20251123-101530-3fa2} (UTC start time, sortable, plus random
 * hex so two machines writing one team database never collide). Commands accept any unique prefix.
 */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String run(long epochMillis) {
        return stamp(epochMillis) + "-" + hex();
    }

    static String experiment(long epochMillis) {
        return "x" + stamp(epochMillis) + "-" + hex();
    }

    private static String stamp(long epochMillis) {
        return ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).format(STAMP);
    }

    private static String hex() {
        return String.format("%04x", RANDOM.nextInt(0x10000));
    }
}
