package dev.servebench.sim.vtime;

import java.util.PriorityQueue;

/**
 * A discrete-event loop on a virtual clock: actions run in time order (ties in the order they were
 * scheduled) and the clock jumps from one to the next. Nothing sleeps.
 */
public final class EventLoop {
    private record Event(long atNanos, long order, Runnable action) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.order, b.order));
    private long nowNanos;
    private long order;

    public EventLoop(long startNanos) {
        this.nowNanos = startNanos;
    }

    public long nowNanos() {
        return nowNanos;
    }

    public void at(long atNanos, Runnable action) {
        if (atNanos < nowNanos) {
            throw new IllegalArgumentException("cannot schedule in the past: " + atNanos + " < " + nowNanos);
        }
        queue.add(new Event(atNanos, order++, action));
    }

    /** Runs the earliest event; false when there is none. */
    public boolean runNext() {
        Event e = queue.poll();
        if (e == null) {
            return false;
        }
        nowNanos = e.atNanos;
        e.action.run();
        return true;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
