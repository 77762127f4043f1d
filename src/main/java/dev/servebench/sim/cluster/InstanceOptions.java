package dev.servebench.sim.cluster;

import dev.servebench.sim.perf.ServingOptions;

/**
 * The serving options of each instance of a cluster, by what it does and its TP: a deployer gives a prefill
 * instance another token budget than a decode one, and kernels can depend on the TP.
 */
@FunctionalInterface
public interface InstanceOptions {
    /** What an instance of a cluster does. */
    enum Duty { REPLICA, PREFILL, DECODE }

    ServingOptions at(Duty duty, int tp);
}
