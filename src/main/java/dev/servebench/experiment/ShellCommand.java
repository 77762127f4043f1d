package dev.servebench.experiment;

import dev.servebench.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A user-given command (restart the server, switch a condition on), run with {@code bash -c} and a
 * time limit. Its output goes to a log file, not a pipe: a command that starts a server in the
 * background leaves the server holding its stdout, and a pipe would then never reach end-of-file.
 */
public record ShellCommand(String command, Duration timeout) {

    public ShellCommand {
        if (command == null || command.isBlank()) {
            throw new BadInputException("an empty command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("a command timeout must be positive");
        }
    }

    /** Runs the command to completion, appending its output to {@code log}; throws with a one-line reason if it fails. */
    public void run(Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "$ " + command + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder("bash", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ExperimentException("command did not finish within " + seconds(timeout) + ": " + command
                        + lastLine(log));
            }
            if (process.exitValue() != 0) {
                throw new ExperimentException("command exited with status " + process.exitValue() + ": " + command
                        + lastLine(log));
            }
        } catch (IOException e) {
            throw new ExperimentException("cannot run command '" + command + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentException("interrupted while running: " + command, e);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            String last = lines.isEmpty() ? "" : lines.getLast().strip();
            return last.isEmpty() || last.startsWith("$ ") ? "" : " (last output: " + last + "; see " + log + ")";
        } catch (IOException e) {
            return "";
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
