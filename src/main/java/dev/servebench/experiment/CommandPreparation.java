package dev.servebench.experiment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the group's command (the restart command, or a condition's launch command) and then waits
 * for readiness. Command output is appended to one log file per experiment.
 */
public final class CommandPreparation implements ServerPreparation {
    private final Map<String, ShellCommand> commands;
    private final Optional<ShellCommand> fallback;
    private final Optional<ReadinessProbe> readiness;
    private final Path log;

    /**
     * @param commands per group; groups not listed use {@code fallback}
     */
    public CommandPreparation(Map<String, ShellCommand> commands, Optional<ShellCommand> fallback,
                              Optional<ReadinessProbe> readiness, Path log) {
        this.commands = Map.copyOf(commands);
        this.fallback = fallback;
        this.readiness = readiness;
        this.log = log;
    }

    @Override
    public void prepare(String group) {
        Optional<ShellCommand> command = Optional.ofNullable(commands.get(group)).or(() -> fallback);
        command.ifPresent(c -> c.run(log));
        readiness.ifPresent(ReadinessProbe::await);
    }

    /** A group with a command (its condition's launch command, or the restart command) starts its server anew. */
    @Override
    public boolean startsFreshServer(String group) {
        return commands.containsKey(group) || fallback.isPresent();
    }
}
