package dev.servebench.sim.predict;

import dev.servebench.sim.cluster.ClusterFrontend;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.StepTimeModel;
import dev.servebench.sim.vtime.EventLoop;
import dev.servebench.sim.vtime.VirtualInstanceDriver;

import java.util.List;

/**
 * What a virtual level's requests go to: one engine, or a cluster behind its router. The engines persist across
 * levels (warm caches, like servers that stay up); the drivers on each level's event loop are made per level.
 */
@FunctionalInterface
public interface VirtualBackend {
    ClusterFrontend open(EventLoop loop);

    /** One vLLM instance. */
    static VirtualBackend single(Engine engine, StepTimeModel stepTime) {
        return loop -> new ClusterFrontend(List.of(new VirtualInstanceDriver(loop, engine, stepTime)), List.of(),
                new int[]{0}, new int[0], null, VirtualInstanceDriver.timer(loop), RoutingPolicy.ROUND_ROBIN);
    }

    /** A cluster of instances: replicas, or prefill and decode pools. */
    static VirtualBackend cluster(SimulatedCluster cluster) {
        return loop -> cluster.frontend(VirtualInstanceDriver.timer(loop),
                (engine, stepTime) -> new VirtualInstanceDriver(loop, engine, stepTime));
    }
}
