package dev.servebench.sim.vtime;

import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.sim.cluster.SinkRegistry;
import dev.servebench.sim.cluster.Timer;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.StepTimeModel;

/** One instance's engine in virtual time, telling each request's sink of its tokens and end. */
public final class VirtualInstanceDriver implements InstanceDriver {
    private final Engine engine;
    private final SinkRegistry sinks = new SinkRegistry();
    private final VirtualEngineDriver driver;

    public VirtualInstanceDriver(EventLoop loop, Engine engine, StepTimeModel stepTime) {
        this.engine = engine;
        this.driver = new VirtualEngineDriver(loop, engine, stepTime, sinks);
    }

    /** Virtual time this instance's engine spent computing steps. */
    public long busyNanos() {
        return driver.busyNanos();
    }

    /** See {@link VirtualEngineDriver#waitingRequestNanos()}. */
    public long waitingRequestNanos() {
        return driver.waitingRequestNanos();
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public void submit(EngineRequest request, Sink sink) {
        sinks.put(request.id(), sink);
        driver.submit(request);
    }

    @Override
    public void abort(long requestId) {
        if (sinks.remove(requestId)) {
            driver.abort(requestId);
        }
    }

    /** The clock of an event loop, for a cluster's router. */
    public static Timer timer(EventLoop loop) {
        return new Timer() {
            @Override
            public long nowNanos() {
                return loop.nowNanos();
            }

            @Override
            public void at(long atNanos, Runnable action) {
                loop.at(Math.max(atNanos, loop.nowNanos()), action);
            }
        };
    }
}
