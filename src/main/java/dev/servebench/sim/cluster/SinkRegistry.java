package dev.servebench.sim.cluster;

import dev.servebench.sim.engine.EngineListener;
import dev.servebench.sim.engine.FinishReason;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An engine's listener that hands each request's tokens and end to the sink registered for it. */
public final class SinkRegistry implements EngineListener {
    private final Map<Long, InstanceDriver.Sink> sinks = new ConcurrentHashMap<>();

    public void put(long requestId, InstanceDriver.Sink sink) {
        sinks.put(requestId, sink);
    }

    /** Forgets a request; true when it was still registered. */
    public boolean remove(long requestId) {
        return sinks.remove(requestId) != null;
    }

    @Override
    public void onToken(long requestId, int index, long nanos) {
        InstanceDriver.Sink s = sinks.get(requestId);
        if (s != null) {
            s.onToken(index, nanos);
        }
    }

    @Override
    public void onFinished(long requestId, FinishReason reason, int promptTokens, int completionTokens, long nanos) {
        InstanceDriver.Sink s = sinks.remove(requestId);
        if (s != null) {
            s.onFinished(reason, promptTokens, completionTokens, nanos);
        }
    }
}
