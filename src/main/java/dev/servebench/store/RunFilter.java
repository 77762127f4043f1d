package dev.servebench.store;

import dev.servebench.BadInputException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which runs {@code runs list} shows. Text filters match substrings, case-insensitively.
 *
 * @param limit the newest this many
 */
public record RunFilter(Optional<String> model, Optional<String> target, Optional<Instant> since,
                        Optional<Instant> until, Optional<RunKind> kind, Optional<String> experimentId, int limit) {
    public static final RunFilter ALL = new RunFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Integer.MAX_VALUE);

    public RunFilter {
        if (limit < 1) {
            throw new BadInputException("--limit must be at least 1");
        }
    }

    public RunFilter withExperiment(String id) {
        return new RunFilter(model, target, since, until, kind, Optional.of(id), limit);
    }
}
