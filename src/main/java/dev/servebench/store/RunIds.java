package dev.servebench.store;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ids made by servebench rather than the database, so SQLite and PostgreSQL share one schema with
 * no auto-increment dialects: {@code 20251123-101530-3fa2} (UTC start time, sortable, plus random
 * hex so two machines writing one team database never collide). Commands accept any unique prefix.
 * A run imported from its results folder gets a derived id instead ({@link #imported}), so importing
 * the same folder twice finds the first import rather than adding a second copy.
 */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String run(long epochMillis) {
        return stamp(epochMillis) + "-" + hex();
    }

    /**
     * {@code 20251123-101530-9c0e41d7}: the start time as for any run, then 8 hex digits of the
     * SHA-256 of what makes the run itself ({@code identity}); longer than a random suffix so the two
     * kinds never collide.
     */
    static String imported(long startEpochMillis, String identity) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return stamp(startEpochMillis) + "-" + java.util.HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String experiment(long epochMillis) {
        return "x" + stamp(epochMillis) + "-" + hex();
    }

    static String eval(long epochMillis) {
        return "e" + stamp(epochMillis) + "-" + hex();
    }

    private static String stamp(long epochMillis) {
        return ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).format(STAMP);
    }

    private static String hex() {
        return String.format("%04x", RANDOM.nextInt(0x10000));
    }
}
