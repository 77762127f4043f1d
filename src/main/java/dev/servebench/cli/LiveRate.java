package dev.servebench.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * A rate over the last {@link #windowNanos} of a running counter, restarted at each level: readings of the counter
 * (tokens received so far) at known times, the rate the slope between the oldest reading still in the window and the
 * newest. Counting tokens as they arrive, not when their request ends, keeps a closed loop's figure steady (its
 * requests end in waves: counted at the end, most half-second windows read 0 and the next a spike), and restarting
 * at a level's start keeps one level's rate out of the next.
 */
final class LiveRate {
    private record Reading(long atNanos, long count) {
    }

    private final long windowNanos;
    private final Deque<Reading> readings = new ArrayDeque<>();

    LiveRate(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** A new level: forget every earlier reading; {@code count} at {@code nowNanos} is where it starts. */
    synchronized void restart(long nowNanos, long count) {
        readings.clear();
        readings.add(new Reading(nowNanos, count));
    }

    /** The counter read {@code count} at {@code nowNanos}. */
    synchronized void read(long nowNanos, long count) {
        readings.addLast(new Reading(nowNanos, count));
        // Keep the newest reading at or before the window's start, so the slope spans the whole window.
        while (readings.size() > 2) {
            Reading oldest = readings.removeFirst();
            if (readings.getFirst().atNanos() > nowNanos - windowNanos) {
                readings.addFirst(oldest); // the next one is inside the window: this one spans its start
                break;
            }
        }
    }

    /** Units per second over the window so far; empty before two readings a moment apart. */
    synchronized OptionalDouble perSecond() {
        if (readings.size() < 2) {
            return OptionalDouble.empty();
        }
        Reading first = readings.getFirst();
        Reading last = readings.getLast();
        long spanNanos = last.atNanos() - first.atNanos();
        return spanNanos <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of((last.count() - first.count()) / (spanNanos / 1e9));
    }
}
