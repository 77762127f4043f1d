package dev.servebench.store;

import dev.servebench.results.ToolInfo;
import dev.servebench.bench.TargetInfo;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run as the results database holds it.
 *
 * @param status       see {@link RunStatus}
 * @param configJson   the benchmark configuration, as in summary.json
 * @param environment  client version, JVM, OS and host that measured it
 * @param process      the process that recorded it on that host; empty for runs recorded before servebench kept it
 * @param requestsFile the raw requests.jsonl, when one was written
 * @param experiment   the experiment this run belongs to, with its group (condition, target) and index
 */
public record StoredRun(String id, RunKind kind, RunStatus status, long startedEpochMillis,
                        OptionalLong finishedEpochMillis, TargetInfo target, ToolInfo environment,
                        Optional<RecordingProcess> process, String configJson, Optional<String> requestsFile,
                        Optional<Membership> experiment, List<StoredLevel> levels) {

    public StoredRun {
        levels = List.copyOf(levels);
    }

    /** A run's place in an experiment. */
    public record Membership(String experimentId, String group, int index) {
    }

    public StoredRun withStatus(RunStatus newStatus) {
        return new StoredRun(id, kind, newStatus, startedEpochMillis, finishedEpochMillis, target, environment, process,
                configJson, requestsFile, experiment, levels);
    }

    /** The results folder: where requests.jsonl was written (summary.json and report.html beside it). */
    public Optional<String> resultsFolder() {
        return requestsFile.map(f -> java.nio.file.Path.of(f).getParent()).map(java.nio.file.Path::toString);
    }

    public Optional<StoredLevel> level(String key) {
        return levels.stream().filter(l -> l.key().equals(key)).findFirst();
    }
}
