package dev.servebench.store;

import dev.servebench.bench.TargetInfo;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run as the results database holds it.
 *
 * @param status       "running" while levels arrive, "complete" when it finished, "partial" when it stopped early
 * @param configJson   the benchmark configuration, as in summary.json
 * @param environment  client version, JVM, OS and host that measured it
 * @param requestsFile the raw requests.jsonl, when one was written
 * @param experiment   the experiment this run belongs to, with its group (condition, target) and index
 */
public record StoredRun(String id, RunKind kind, String status, long startedEpochMillis,
                        OptionalLong finishedEpochMillis, TargetInfo target, ToolInfo environment, String configJson,
                        Optional<String> requestsFile, Optional<Membership> experiment, List<StoredLevel> levels) {

    public StoredRun {
        levels = List.copyOf(levels);
    }

    /** A run's place in an experiment. */
    public record Membership(String experimentId, String group, int index) {
    }

    public Optional<StoredLevel> level(String key) {
        return levels.stream().filter(l -> l.key().equals(key)).findFirst();
    }
}
