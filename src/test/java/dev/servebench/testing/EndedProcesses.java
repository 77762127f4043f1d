package dev.servebench.testing;

import dev.servebench.store.RecordingProcess;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Real processes that have ended, for runs whose recording process is gone. */
public final class EndedProcesses {
    private EndedProcesses() {
    }

    /**
     * A process that ran and has ended, identified as the store records it. {@code cat} waits on its
     * stdin, so its pid and start time are read while it certainly runs; closing stdin ends it.
     */
    public static RecordingProcess ended() {
        try {
            Process cat = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RecordingProcess identity = RecordingProcess.of(cat.toHandle());
            cat.getOutputStream().close();
            cat.waitFor();
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
