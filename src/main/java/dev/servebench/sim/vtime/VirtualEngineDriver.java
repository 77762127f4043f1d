package dev.servebench.sim.vtime;

import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineListener;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.ScheduledStep;
import dev.servebench.sim.engine.StepTimeModel;

/**
 * Runs an {@link Engine} on an {@link EventLoop}: whenever the engine is idle and has work, the next
 * step is scheduled to complete after the time the {@link StepTimeModel} gives it. Requests submitted
 * while a step runs join at the next step, as in vLLM.
 */
public final class VirtualEngineDriver {
    private final EventLoop loop;
    private final Engine engine;
    private final StepTimeModel stepTime;
    private final EngineListener listener;
    private boolean stepInFlight;
    private boolean kickPending;
    private long busyNanos;
    private long waitingRequestNanos;

    public VirtualEngineDriver(EventLoop loop, Engine engine, StepTimeModel stepTime, EngineListener listener) {
        this.loop = loop;
        this.engine = engine;
        this.stepTime = stepTime;
        this.listener = listener;
    }

    public void submit(EngineRequest request) {
        engine.submit(request);
        kick();
    }

    public void abort(long requestId) {
        engine.abort(requestId);
        kick();
    }

    /** Virtual time the engine spent computing steps. */
    public long busyNanos() {
        return busyNanos;
    }

    /**
     * Requests left waiting by each step times the step's time, summed: over a span of time, the mean queue length
     * (divide by the span) or, by Little's law, the queueing time of the requests that passed (divide by them).
     */
    public long waitingRequestNanos() {
        return waitingRequestNanos;
    }

    private void kick() {
        // Deferred to the end of the current instant so that every request arriving at the same
        // moment (a closed loop's first wave) lands in the same step.
        if (!stepInFlight && !kickPending) {
            kickPending = true;
            loop.at(loop.nowNanos(), this::startStep);
        }
    }

    private void startStep() {
        kickPending = false;
        if (stepInFlight || !engine.hasWork()) {
            return;
        }
        ScheduledStep step = engine.schedule();
        if (step.isEmpty()) {
            if (engine.hasWork()) {
                throw new IllegalStateException("engine has work but cannot schedule any of it");
            }
            return;
        }
        long nanos = Math.max(1, stepTime.stepNanos(step.shape()));
        busyNanos += nanos;
        waitingRequestNanos += (long) engine.snapshot().waiting() * nanos;
        stepInFlight = true;
        loop.at(loop.nowNanos() + nanos, () -> {
            stepInFlight = false;
            engine.complete(step, loop.nowNanos(), listener);
            kick();
        });
    }
}
