package dev.servebench.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The operating-system process that records a run, identified the way the OS does: a pid, plus the
 * process's start time because pids are reused once their process has ended.
 *
 * @param startedEpochMillis when the process started, when the OS says (it does on Linux, macOS, Windows)
 */
public record RecordingProcess(long pid, OptionalLong startedEpochMillis) {
    /**
     * The OS derives a process's start time from the boot time, which moves when the wall clock is
     * stepped; two readings of one process may therefore differ a little. A reused pid belongs to a
     * process started after the old one ended, which is practically never within this margin.
     */
    private static final Duration SAME_START = Duration.ofSeconds(2);

    public static RecordingProcess current() {
        return of(ProcessHandle.current());
    }

    public static RecordingProcess of(ProcessHandle process) {
        Optional<Instant> start = process.info().startInstant();
        return new RecordingProcess(process.pid(),
                start.map(s -> OptionalLong.of(s.toEpochMilli())).orElse(OptionalLong.empty()));
    }

    /**
     * Whether this process has ended, judged on the machine it ran on (pids mean nothing elsewhere):
     * no process has its pid, or the one that has it started at another time.
     */
    public boolean hasEnded() {
        Optional<ProcessHandle> now = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (now.isEmpty()) {
            return true;
        }
        Optional<Instant> nowStarted = now.get().info().startInstant();
        if (startedEpochMillis.isEmpty() || nowStarted.isEmpty()) {
            return false;
        }
        long apart = Math.abs(nowStarted.get().toEpochMilli() - startedEpochMillis.getAsLong());
        return apart > SAME_START.toMillis();
    }
}
