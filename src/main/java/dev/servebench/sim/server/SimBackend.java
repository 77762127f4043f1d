package dev.servebench.sim.server;

import dev.servebench.sim.cluster.ClusterFrontend;
import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.cluster.Timer;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.EngineSnapshot;
import dev.servebench.sim.perf.SimulatedDeployment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the simulated server sends requests to on the wall clock: one instance, or a cluster behind its router.
 * Each instance runs on its own engine thread; a cluster's KV hand-overs complete on a timer thread.
 */
public final class SimBackend implements AutoCloseable {
    private final ClusterFrontend frontend;
    private final List<RealTimeEngineDriver> drivers;
    private final ScheduledExecutorService timers;
    private final boolean decodeOnly;
    /** Of a disaggregated cluster, how many of {@link #drivers} (the first ones) are the prefill pool; else 0. */
    private final int prefillInstances;

    private SimBackend(ClusterFrontend frontend, List<RealTimeEngineDriver> drivers, ScheduledExecutorService timers,
                       boolean decodeOnly, int prefillInstances) {
        this.frontend = frontend;
        this.drivers = drivers;
        this.timers = timers;
        this.decodeOnly = decodeOnly;
        this.prefillInstances = prefillInstances;
    }

    /**
     * The same backend with every prompt's KV cache preloaded, as vLLM's DecodeBenchConnector fills it: decode
     * measured alone (TTFT is one decode step, no prefill competes with decoding).
     */
    public SimBackend decodeOnly() {
        return new SimBackend(frontend, drivers, timers, true, prefillInstances);
    }

    public static SimBackend single(SimulatedDeployment deployment) {
        RealTimeEngineDriver driver = new RealTimeEngineDriver(deployment.newEngine(), deployment.stepTime());
        ScheduledExecutorService timers = timerThread();
        return new SimBackend(new ClusterFrontend(List.of(driver), List.of(), new int[]{0}, new int[0], null,
                wallClock(timers), RoutingPolicy.ROUND_ROBIN), List.of(driver), timers, false, 0);
    }

    public static SimBackend cluster(SimulatedCluster cluster) {
        ScheduledExecutorService timers = timerThread();
        List<RealTimeEngineDriver> drivers = new CopyOnWriteArrayList<>();
        ClusterFrontend frontend = cluster.frontend(wallClock(timers), (engine, stepTime) -> {
            RealTimeEngineDriver driver = new RealTimeEngineDriver(engine, stepTime);
            drivers.add(driver);
            return driver;
        });
        // The frontend makes the entry (prefill) pool's drivers first, then the decode pool's.
        int prefill = cluster.shape() instanceof dev.servebench.sim.cluster.ClusterShape.Disaggregated x
                ? x.prefillInstances() : 0;
        return new SimBackend(frontend, drivers, timers, false, prefill);
    }

    /** Gauges and counters for /metrics and the overload check: summed over a cluster's instances. */
    EngineSnapshot snapshot() {
        return drivers.size() == 1 ? drivers.getFirst().engine().snapshot()
                : EngineSnapshot.sum(drivers.stream().map(d -> d.engine().snapshot()).toList());
    }

    /**
     * What /metrics shows: one series summed over the instances, or for a disaggregated cluster one per role
     * ({@code prefill}, {@code decode}), so the prefill pool's one token per request is not read as output.
     */
    java.util.Map<String, EngineSnapshot> snapshotsByRole() {
        if (prefillInstances == 0) {
            return java.util.Map.of("", snapshot());
        }
        java.util.Map<String, EngineSnapshot> byRole = new java.util.LinkedHashMap<>();
        byRole.put("prefill", EngineSnapshot.sum(drivers.subList(0, prefillInstances).stream()
                .map(d -> d.engine().snapshot()).toList()));
        byRole.put("decode", EngineSnapshot.sum(drivers.subList(prefillInstances, drivers.size()).stream()
                .map(d -> d.engine().snapshot()).toList()));
        return byRole;
    }

    boolean fits(EngineRequest request) {
        return frontend.fits(request);
    }

    void submit(EngineRequest request, InstanceDriver.Sink sink) {
        frontend.submit(decodeOnly ? request.withPreloaded(request.id(), request.promptTokens() - 1) : request, sink);
    }

    void abort(long requestId) {
        frontend.abort(requestId);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        drivers.forEach(RealTimeEngineDriver::close);
    }

    private static ScheduledExecutorService timerThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-kv-transfer");
            t.setDaemon(true);
            return t;
        });
    }

    private static Timer wallClock(ScheduledExecutorService timers) {
        return new Timer() {
            @Override
            public long nowNanos() {
                return System.nanoTime();
            }

            @Override
            public void at(long atNanos, Runnable action) {
                timers.schedule(action, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        };
    }
}
