package dev.servebench.sim.server;

import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.sim.cluster.SinkRegistry;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.ScheduledStep;
import dev.servebench.sim.engine.StepTimeModel;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs an {@link Engine} on the wall clock for real clients: one thread takes a step, waits
 * until the step's modelled duration has passed, then publishes its tokens. When idle it parks
 * until a request arrives. Token callbacks run on this thread and must not block.
 */
public final class RealTimeEngineDriver implements InstanceDriver, AutoCloseable {
    private final Engine engine;
    private final StepTimeModel stepTime;
    private final SinkRegistry sinks = new SinkRegistry();
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
        if (sinks.remove(requestId)) {
            engine.abort(requestId);
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
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
            engine.complete(step, System.nanoTime(), sinks);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
