package dev.servebench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI in a child JVM that gets a real SIGINT once its first request has been recorded: what Ctrl-C does to
 * a run, observed from outside as a user would (exit code, stdout, stderr, files).
 *
 * @param exitCode the child's exit status
 * @param stdout   what it printed
 * @param stderr   what it said
 */
record InterruptedChild(int exitCode, String stdout, String stderr) {

    /** Runs {@code args}; sends SIGINT when {@code requests} has its first line; waits for the child to end. */
    static InterruptedChild run(Path workDir, Path requests, String... args) throws IOException, InterruptedException {
        Path out = workDir.resolve("child.out");
        Path err = workDir.resolve("child.err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(dev.servebench.testing.SignalledChild.command(command))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (linesIn(requests) == 0) {
                assertThat(child.isAlive()).as("child ended early: %s", Files.readString(err)).isTrue();
                assertThat(Instant.now()).as("no request ended within a minute").isBefore(deadline);
                child.waitFor(50, TimeUnit.MILLISECONDS);
            }
            dev.servebench.testing.SignalledChild.interrupt(child);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended after SIGINT (%s)",
                    dev.servebench.testing.SignalledChild.state(child)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        return new InterruptedChild(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static long linesIn(Path requests) throws IOException {
        return Files.exists(requests) ? Files.readAllLines(requests).size() : 0;
    }
}
