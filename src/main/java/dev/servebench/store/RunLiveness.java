package dev.servebench.store;

import dev.servebench.results.ToolInfo;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a run still being recorded from one whose process died without recording how it ended
 * (kill -9, power loss, OOM killer): both are "running" in the database. Only runs recorded on this
 * host can be judged; on any other host the pid is someone else's, so those runs keep their status.
 */
public final class RunLiveness {
    /** Names that do not single out a machine: two hosts may both report them. */
    private static final Set<String> AMBIGUOUS_HOSTS = Set.of("", "unknown", "localhost", "localhost.localdomain");

    private final String localHost;

    public RunLiveness(String localHost) {
        this.localHost = localHost;
    }

    public static RunLiveness here() {
        return new RunLiveness(ToolInfo.current().host());
    }

    /** True for a run marked running whose recording process, on this host, is gone. */
    public boolean isInterrupted(StoredRun run) {
        return run.status() == RunStatus.RUNNING && run.process().isPresent() && recordedHere(run)
                && run.process().get().hasEnded();
    }

    /** True when the run was recorded on this host, so its process can be checked from here. */
    public boolean recordedHere(StoredRun run) {
        String host = run.environment().host();
        return !AMBIGUOUS_HOSTS.contains(host.strip().toLowerCase(Locale.ROOT)) && host.equals(localHost);
    }
}
