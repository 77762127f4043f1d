package dev.servebench.sim.vtime;

import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineListener;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.FinishReason;
import dev.servebench.sim.engine.StepTimeModel;

import java.util.HashMap;
import java.util.Map;

/** One instance's engine in virtual time, telling each request's sink of its tokens and end. */
public final class VirtualInstanceDriver implements InstanceDriver {
    private final Engine engine;
    private final VirtualEngineDriver driver;
    private final Map<Long, Sink> sinks = new HashMap<>();

    public VirtualInstanceDriver(EventLoop loop, Engine engine, StepTimeModel stepTime) {
        this.engine = engine;
        this.driver = new VirtualEngineDriver(loop, engine, stepTime, new EngineListener() {
            @Override
            public void onToken(long requestId, int index, long nanos) {
                Sink s = sinks.get(requestId);
                if (s != null) {
                    s.onToken(index, nanos);
                }
            }

            @Override
            public void onFinished(long requestId, FinishReason reason, int promptTokens, int completionTokens,
                                   long nanos) {
                Sink s = sinks.remove(requestId);
                if (s != null) {
                    s.onFinished(reason, promptTokens, completionTokens, nanos);
                }
            }
        });
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
        if (sinks.remove(requestId) != null) {
            driver.abort(requestId);
        }
    }

    /** The clock of an event loop, for a cluster's router. */
    public static dev.servebench.sim.cluster.Timer timer(EventLoop loop) {
        return new dev.servebench.sim.cluster.Timer() {
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
