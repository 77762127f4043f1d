package dev.servebench.store;

import java.nio.file.Path;

/**
 * Where servebench keeps its own data: {@code $XDG_DATA_HOME/servebench}, else
 * {@code ~/.local/share/servebench}. The system property {@code servebench.data.dir} overrides both,
 * so a test suite or an embedding application never writes into the user's folder by accident.
 */
public final class DataFolder {
    public static final String OVERRIDE_PROPERTY = "servebench.data.dir";
    public static final String DATABASE_FILE = "runs.db";

    private DataFolder() {
    }

    public static Path resolve() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "servebench");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "servebench");
    }

    public static Path defaultDatabase() {
        return resolve().resolve(DATABASE_FILE);
    }
}
