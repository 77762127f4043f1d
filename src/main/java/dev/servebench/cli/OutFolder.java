package dev.servebench.cli;

import dev.servebench.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks {@code --out} before a run starts, so that a run never measures for minutes and then
 * fails to write: the folder must be a folder (or not exist yet) and creatable.
 */
final class OutFolder {
    private OutFolder() {
    }

    static void check(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a file; give a folder (it is created if "
                    + "missing)");
        }
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BadInputException("--out " + out + " cannot be created: " + existing
                    + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new BadInputException("--out " + out + " cannot be written: no permission to write in "
                    + existing + "; give a folder you can write to");
        }
    }
}
