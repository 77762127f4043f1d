package dev.servebench.store;

import java.nio.file.Path;
import java.util.Optional;

/** What a recorded run is part of, beyond what the benchmark itself knows. */
public record RunContext(RunKind kind, Optional<Path> requestsFile, Optional<StoredRun.Membership> experiment) {
    public static RunContext bench(Path requestsFile) {
        return new RunContext(RunKind.BENCH, Optional.of(requestsFile), Optional.empty());
    }
}
