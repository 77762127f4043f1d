package dev.servebench.sim.cluster;

import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.FinishReason;

/** One serving instance's engine, run on some clock, that tells a sink of each request's tokens and end. */
public interface InstanceDriver {
    /** Receives one request's tokens and its end. */
    interface Sink {
        void onToken(int index, long nanos);

        void onFinished(FinishReason reason, int promptTokens, int completionTokens, long nanos);
    }

    Engine engine();

    void submit(EngineRequest request, Sink sink);

    void abort(long requestId);
}
