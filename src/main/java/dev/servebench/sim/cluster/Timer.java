package dev.servebench.sim.cluster;

/** The clock a cluster's router runs on: virtual time for predict, the wall clock for sim. */
public interface Timer {
    long nowNanos();

    /** Runs {@code action} at {@code atNanos} (now if that has passed). */
    void at(long atNanos, Runnable action);
}
