package dev.servebench.export;

import dev.servebench.BadInputException;
import dev.servebench.store.StoredRun;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * A run's requests as a Parquet file with typed columns ({@link RequestColumn}: INTEGER, DOUBLE,
 * VARCHAR, and {@code itl_ms} as a list of doubles), one row per request in the order they ended.
 * Written by DuckDB: rows go through an appender into a table of an in-memory database, which
 * {@code COPY … (FORMAT PARQUET)} writes out.
 */
public final class RequestsParquet {
    private static final String TABLE = "requests";

    private RequestsParquet() {
    }

    public static RunRequests.Read write(StoredRun run, Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException("--out " + file + " is a directory; give the Parquet file to write, e.g. --out "
                    + file.resolve(run.id() + ".parquet"));
        }
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent(), e);
        }
        try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            st.execute(createTable());
            RunRequests.Read read;
            try (DuckDBAppender appender = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                read = RunRequests.forEach(run, "--format parquet", row -> append(appender, row));
            }
            st.execute("COPY " + TABLE + " TO " + literal(target.toString()) + " (FORMAT PARQUET)");
            return read;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write " + target + ": " + e.getMessage(), e);
        }
    }

    private static String createTable() {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + TABLE + " (", ")");
        for (RequestColumn c : RequestColumn.ALL) {
            columns.add("\"" + c.name() + "\" " + c.type().sql());
        }
        return columns.toString();
    }

    private static void append(DuckDBAppender appender, RequestRow row) {
        try {
            appender.beginRow();
            for (RequestColumn c : RequestColumn.ALL) {
                Object v = c.value().apply(row);
                switch (v) {
                    case null -> appender.appendNull();
                    case Integer i -> appender.append(i.intValue());
                    case Double d -> appender.append(d.doubleValue());
                    case String s -> appender.append(s);
                    case double[] list -> appender.append(list);
                    default -> throw new IllegalStateException(c.name() + ": no Parquet mapping for " + v.getClass());
                }
            }
            appender.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB refused request " + row.levelKey() + " #" + row.index() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A SQL string literal: single quotes doubled. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
