package dev.servebench.run;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where runs are written, named in one place: {@code results/<date>-<time>-<what>} for a run or an
 * experiment, and {@code NN-<group>-<index>} for an experiment's trials (read back by the report).
 */
public final class RunFolders {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern TRIAL = Pattern.compile("\\d+-(.+)-\\d+");

    private RunFolders() {
    }

    /** {@code results/<date>-<time>-<label>}, the label made safe for a file name. */
    public static Path defaultFolder(String label) {
        return Path.of("results", LocalDateTime.now().format(STAMP) + "-" + safe(label));
    }

    /** The folder of an experiment's {@code sequence}-th trial, of {@code group}, repetition {@code index}. */
    public static Path trial(Path experimentFolder, int sequence, String group, int index) {
        return experimentFolder.resolve(String.format("%02d-%s-%d", sequence, safe(group), index));
    }

    /** The folder of an experiment's accuracy check of one condition ({@code eval-<condition>}). */
    public static Path accuracyCheck(Path experimentFolder, String condition) {
        return experimentFolder.resolve("eval-" + safe(condition));
    }

    /** The group a trial folder belongs to, or empty when the name is not a trial's. */
    public static Optional<String> trialGroup(Path folder) {
        Matcher m = TRIAL.matcher(folder.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
