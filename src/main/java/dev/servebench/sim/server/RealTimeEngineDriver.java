package dev.servebench.sim.server;

import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineListener;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.FinishReason;
import dev.servebench.sim.engine.ScheduledStep;
import dev.servebench.sim.engine.StepTimeModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an {@link Engine} on the wall clock for real clients: one thread takes a step, waits
 * until the step's modelled duration has passed, then publishes its tokens. When idle it parks
 * until a request arrives. Token callbacks run on this thread and must not block.
 */
public final class RealTimeEngineDriver implements InstanceDriver, AutoCloseable {
    private final Engine engine;
    private final StepTimeModel stepTime;
    private final Map<Long, Sink> sinks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public RealTimeEngineDriver(Engine engine, StepTimeModel stepTime) {
        this.engine = engine;
        this.stepTime = stepTime;
        this.thread = Thread.ofPlatform().daemon().name("sim-engine").unstarted(this::loop);
        thread.start();
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public void submit(EngineRequest request, Sink sink) {
        sinks.put(request.id(), sink);
        engine.submit(request);
        LockSupport.unpark(thread);
    }

    @Override
    public void abort(long requestId) {
        if (sinks.remove(requestId) != null) {
            engine.abort(requestId);
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        EngineListener listener = new EngineListener() {
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
        };
        while (running) {
            if (!engine.hasWork()) {
                LockSupport.park(this);
                continue;
            }
            long start = System.nanoTime();
            ScheduledStep step = engine.schedule();
            if (step.isEmpty()) {
                LockSupport.parkNanos(this, 1_000_000);
                continue;
            }
            long end = start + stepTime.stepNanos(step.shape());
            // The simulated GPU is busy until the step's modelled end; nothing else to do meanwhile.
            long remaining;
            while (running && (remaining = end - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, remaining);
            }
            engine.complete(step, System.nanoTime(), listener);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
