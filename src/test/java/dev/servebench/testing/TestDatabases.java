package dev.servebench.testing;

import dev.servebench.store.DatabaseLocation;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases the store tests run against: always a fresh SQLite file, and a fresh schema on the
 * PostgreSQL server named by {@code SERVEBENCH_TEST_PG_URL} (set by .ci/run). Without that variable
 * the PostgreSQL cases are skipped with a message saying so, unless {@code CI} is set: in CI a
 * missing server is a failure, never a silent skip.
 */
public final class TestDatabases {
    public static final String PG_URL_VARIABLE = "SERVEBENCH_TEST_PG_URL";

    /** Which database a parameterized test runs on. */
    public enum Kind {
        SQLITE,
        POSTGRESQL
    }

    private TestDatabases() {
    }

    /** For {@code @MethodSource(TestDatabases.ALL)}: every database the tests can reach. */
    public static final String ALL = "dev.servebench.testing.TestDatabases#kinds";

    public static Stream<Kind> kinds() {
        return Stream.of(Kind.SQLITE, Kind.POSTGRESQL);
    }

    /** A fresh, empty database of the kind; skips (or fails in CI) when PostgreSQL is unavailable. */
    public static DatabaseLocation fresh(Kind kind, Path tempDir) {
        return switch (kind) {
            case SQLITE -> DatabaseLocation.sqliteFile(tempDir.resolve("runs-" + UUID.randomUUID() + ".db"));
            case POSTGRESQL -> freshPostgresSchema();
        };
    }

    private static DatabaseLocation freshPostgresSchema() {
        String url = System.getenv(PG_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(PG_URL_VARIABLE + " is not set but CI is: .ci/run must start "
                        + "PostgreSQL for the store tests");
            }
            Assumptions.abort("PostgreSQL store tests SKIPPED: set " + PG_URL_VARIABLE
                    + " (e.g. jdbc:postgresql://127.0.0.1:5432/db?user=me) or run .ci/run");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + url + ": " + e.getMessage(), e);
        }
        return DatabaseLocation.parse(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }
}
