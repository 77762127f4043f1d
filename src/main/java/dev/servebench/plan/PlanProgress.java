package dev.servebench.plan;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Says how far a plan has got, unit shapes simulated of those to do ({@link ShapeUnit}), at most once every {@link #EVERY_NANOS} and at the
 * end, so a minute of planning is never silent.
 */
final class PlanProgress {
    static final long EVERY_NANOS = 2_000_000_000L;
    private final int total;
    private final long startedNanos;
    private final Consumer<String> say;
    private int done;
    private long lastSaidNanos;

    PlanProgress(int total, long startedNanos, Consumer<String> say) {
        this.total = total;
        this.startedNanos = startedNanos;
        this.say = say;
        this.lastSaidNanos = startedNanos;
    }

    void shapeDone() {
        done++;
        long now = System.nanoTime();
        if (done == total || now - lastSaidNanos >= EVERY_NANOS) {
            lastSaidNanos = now;
            say.accept(String.format(Locale.ROOT, "%d of %d unit shapes simulated (%.0f s)", done, total,
                    (now - startedNanos) / 1e9));
        }
    }
}
