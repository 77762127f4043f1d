package dev.servebench.run;

import dev.servebench.bench.Interruption;
import sun.misc.Signal;

import java.io.PrintWriter;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: the first asks the run to stop gracefully (no new
 * requests, a grace period for those in flight, then tables, summary, report and the database
 * record of what was measured); the second ends the process at once. Every request that ended is
 * already in requests.jsonl either way. {@code sun.misc.Signal} (module jdk.unsupported) is the
 * JDK's only way to handle a signal without starting the JVM's shutdown.
 */
public final class StopSignals {
    /** The shell's convention for a process ended by SIGINT. */
    public static final int EXIT_INTERRUPTED = 130;

    private StopSignals() {
    }

    /** Handles both signals until the returned handle is closed, which restores the previous handlers. */
    public static AutoCloseable install(Interruption interruption, PrintWriter err) {
        java.util.Map<Signal, sun.misc.SignalHandler> previous = new java.util.HashMap<>();
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> {
                    if (interruption.request()) {
                        err.println();
                        err.println("servebench: stopping (SIG" + name + "): no new requests; waiting up to "
                                + interruption.grace().toSeconds() + " s for those in flight, then writing the "
                                + "results of what was measured. Press Ctrl-C again to quit at once.");
                        err.flush();
                    } else {
                        err.println("servebench: quitting at once; requests.jsonl holds every request that ended");
                        err.flush();
                        Runtime.getRuntime().halt(EXIT_INTERRUPTED);
                    }
                }));
            } catch (IllegalArgumentException e) {
                // This platform or JVM does not let us handle it (e.g. -Xrs): the default applies.
            }
        }
        return () -> previous.forEach(Signal::handle);
    }
}
