package dev.servebench.store;

import dev.servebench.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which results database to use, from {@code --db}: a file path means an embedded SQLite file;
 * {@code jdbc:postgresql://…} (credentials as URL parameters or PGPASSWORD-free trust auth) a
 * shared PostgreSQL server; {@code jdbc:sqlite:…} is accepted as written.
 *
 * @param display what to print: the path, or the URL without its query string (which may hold a password)
 */
public record DatabaseLocation(String jdbcUrl, String display) {

    public static DatabaseLocation parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return defaultLocation();
        }
        String s = spec.strip();
        if (s.startsWith("jdbc:postgresql:") || s.startsWith("jdbc:sqlite:")) {
            int q = s.indexOf('?');
            return new DatabaseLocation(s, q < 0 ? s : s.substring(0, q));
        }
        if (s.startsWith("jdbc:")) {
            throw new BadInputException("--db supports SQLite files and jdbc:postgresql:// URLs, not '"
                    + s.substring(0, s.indexOf(':', 5) < 0 ? s.length() : s.indexOf(':', 5)) + "'");
        }
        return sqliteFile(Path.of(s));
    }

    public static DatabaseLocation defaultLocation() {
        return sqliteFile(DataFolder.defaultDatabase());
    }

    public static DatabaseLocation sqliteFile(Path file) {
        Path absolute = file.toAbsolutePath();
        return new DatabaseLocation("jdbc:sqlite:" + absolute, absolute.toString());
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** Creates the SQLite file's folder; SQLite creates the file itself but not its parents. */
    void prepare() {
        if (!isSqlite()) {
            return;
        }
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        if (!path.isEmpty() && !path.startsWith(":") && Files.isDirectory(Path.of(path))) {
            // SQLite would answer only "unable to open database file", naming neither the path nor the cause.
            throw new BadInputException("--db " + display + " is a directory; give a database file, e.g. --db "
                    + Path.of(path).resolve("runs.db"));
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the database folder " + parent, e);
            }
        }
    }
}
