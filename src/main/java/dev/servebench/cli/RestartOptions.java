package dev.servebench.cli;

import dev.servebench.experiment.ReadinessProbe;
import dev.servebench.experiment.ShellCommand;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How an experiment gets a fresh server between runs. */
final class RestartOptions {
    @Option(names = "--restart-cmd", paramLabel = "COMMAND",
            description = "Run with bash -c before every run (e.g. 'docker restart vllm'); it must exit once the "
                    + "server is (re)starting, leaving it in the background.")
    String restartCommand;

    @Option(names = "--ready-url", paramLabel = "URL",
            description = "After each restart, poll GET URL until it answers 200 (e.g. http://127.0.0.1:8000/health).")
    URI readyUrl;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "300s",
            converter = DurationConverter.class, description = "Give up waiting for --ready-url after (default ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    @Option(names = "--cmd-timeout", paramLabel = "DURATION", defaultValue = "600s",
            converter = DurationConverter.class,
            description = "Limit for each restart or condition command (default ${DEFAULT-VALUE}).")
    Duration commandTimeout;

    /** The restart and readiness check these flags give. */
    dev.servebench.run.ExperimentRun.Restart serverRestart() {
        return new dev.servebench.run.ExperimentRun.Restart(restart(), readiness());
    }

    Optional<ShellCommand> restart() {
        return Optional.ofNullable(restartCommand).map(c -> new ShellCommand(c, commandTimeout));
    }

    Optional<ReadinessProbe> readiness() {
        return Optional.ofNullable(readyUrl).map(u -> ReadinessProbe.of(u, readyTimeout));
    }
}
