package dev.servebench.sim.server;

import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.server.HttpExchange;
import dev.servebench.sim.engine.FinishReason;

import java.util.concurrent.ScheduledExecutorService;

/** A non-streamed response: one JSON body when the request finishes, faults applied to it. */
final class WholeResponse implements InstanceDriver.Sink {
    private final HttpExchange exchange;
    private final ChunkWriter chunks;
    private final FaultPlan.Fault fault;
    private final long stallMillis;
    private final ScheduledExecutorService timers;
    private final SimMetrics metrics;
    private final long arrivalNanos;
    private final AnswerText answer;
    private final StringBuilder text = new StringBuilder();
    private long firstTokenNanos;

    WholeResponse(HttpExchange exchange, ChunkWriter chunks, FaultPlan.Fault fault, long stallMillis,
                  ScheduledExecutorService timers, SimMetrics metrics, long arrivalNanos, AnswerText answer) {
        this.exchange = exchange;
        this.chunks = chunks;
        this.fault = fault;
        this.stallMillis = stallMillis;
        this.timers = timers;
        this.metrics = metrics;
        this.arrivalNanos = arrivalNanos;
        this.answer = answer;
    }

    @Override
    public void onToken(int index, long nanos) {
        if (index == 0) {
            firstTokenNanos = nanos;
        }
        text.append(answer.token(index));
    }

    @Override
    public void onFinished(FinishReason reason, int promptTokens, int completionTokens, long nanos) {
        metrics.finished(reason, arrivalNanos, firstTokenNanos, nanos, completionTokens);
        String body = chunks.whole(text.toString(), reason.wireName(), promptTokens, completionTokens);
        switch (fault) {
            case RESET -> exchange.resetConnection();
            case MALFORMED -> exchange.respondJson(200, body.substring(0, body.length() / 2) + "<<not json>>");
            case TRUNCATE -> exchange.respondJson(200, body.substring(0, body.length() / 2));
            case STALL -> SimOpenAiHandler.schedule(timers, stallMillis, () -> exchange.respondJson(200, body));
            default -> exchange.respondJson(200, body);
        }
    }
}
