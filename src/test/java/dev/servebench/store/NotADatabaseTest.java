package dev.servebench.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotADatabaseTest {
    @Test
    void aFileThatIsNotSqliteIsNamedAsSuchNotAsAFlywayTable(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database\n".repeat(200));
        assertThatThrownBy(() -> RunStore.open(DatabaseLocation.sqliteFile(notes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a SQLite database")
                .hasMessageNotContaining("flyway_schema_history");
    }
}
