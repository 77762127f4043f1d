package dev.servebench.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * A task read from its file.
 *
 * @param name the file's name without its extension (names the task in tables and failure files)
 */
public record EvalTask(String name, Path file, TaskFormat format, List<EvalItem> items) {
    public EvalTask {
        items = List.copyOf(items);
    }
}
