package dev.servebench.sim.server;

import dev.servebench.sim.cluster.ClusterFrontend;
import dev.servebench.sim.cluster.InstanceDriver;
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

/** What the simulated server sends requests to on the wall clock: one instance, or a cluster behind its router. */
interface SimBackend extends AutoCloseable {
    /** Gauges and counters for /metrics and the overload check: summed over a cluster's instances. */
    EngineSnapshot snapshot();

    boolean fits(EngineRequest request);

    void submit(EngineRequest request, InstanceDriver.Sink sink);

    void abort(long requestId);

    @Override
    void close();

    static SimBackend single(SimulatedDeployment deployment) {
        RealTimeEngineDriver driver = new RealTimeEngineDriver(deployment.newEngine(), deployment.stepTime());
        return new SimBackend() {
            @Override
            public EngineSnapshot snapshot() {
                return driver.engine().snapshot();
            }

            @Override
            public boolean fits(EngineRequest request) {
                return driver.engine().fits(request);
            }

            @Override
            public void submit(EngineRequest request, InstanceDriver.Sink sink) {
                driver.submit(request, sink);
            }

            @Override
            public void abort(long requestId) {
                driver.abort(requestId);
            }

            @Override
            public void close() {
                driver.close();
            }
        };
    }

    /** Every instance on its own engine thread; KV hand-overs complete on a timer thread after their transfer time. */
    static SimBackend cluster(SimulatedCluster cluster) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-kv-transfer");
            t.setDaemon(true);
            return t;
        });
        List<RealTimeEngineDriver> drivers = new CopyOnWriteArrayList<>();
        Timer wallClock = new Timer() {
            @Override
            public long nowNanos() {
                return System.nanoTime();
            }

            @Override
            public void at(long atNanos, Runnable action) {
                timers.schedule(action, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        };
        ClusterFrontend frontend = cluster.frontend(wallClock, (engine, stepTime) -> {
            RealTimeEngineDriver driver = new RealTimeEngineDriver(engine, stepTime);
            drivers.add(driver);
            return driver;
        });
        return new SimBackend() {
            @Override
            public EngineSnapshot snapshot() {
                return EngineSnapshot.sum(drivers.stream().map(d -> d.engine().snapshot()).toList());
            }

            @Override
            public boolean fits(EngineRequest request) {
                return frontend.fits(request);
            }

            @Override
            public void submit(EngineRequest request, InstanceDriver.Sink sink) {
                frontend.submit(request, sink);
            }

            @Override
            public void abort(long requestId) {
                frontend.abort(requestId);
            }

            @Override
            public void close() {
                timers.shutdownNow();
                drivers.forEach(RealTimeEngineDriver::close);
            }
        };
    }
}
