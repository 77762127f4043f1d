package dev.servebench.sim.server;

import dev.servebench.sim.cluster.InstanceDriver;
import dev.servebench.server.EventStream;
import dev.servebench.server.HttpExchange;
import dev.servebench.sim.engine.FinishReason;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One SSE response: a chunk per token, then the finish chunk, the usage chunk when asked, and
 * {@code data: [DONE]}. Applies the request's injected fault; aborts the engine request when the
 * client goes away.
 */
final class StreamingResponse implements InstanceDriver.Sink {
    private final EventStream stream;
    private final ChunkWriter chunks;
    private final CompletionCall call;
    private final FaultPlan.Fault fault;
    private final SimMetrics metrics;
    private final long arrivalNanos;
    private final Runnable abort;
    private final AnswerText answer;
    private final int faultAtToken;
    private final List<String> held = new ArrayList<>();
    private boolean stalled;
    private boolean closeAfterStall;
    private boolean dead;
    private long firstTokenNanos;

    StreamingResponse(HttpExchange exchange, ChunkWriter chunks, CompletionCall call, FaultPlan.Fault fault,
                      long stallMillis, ScheduledExecutorService timers, SimMetrics metrics, long arrivalNanos,
                      Runnable abort, AnswerText answer) {
        this.chunks = chunks;
        this.call = call;
        this.fault = fault;
        this.metrics = metrics;
        this.arrivalNanos = arrivalNanos;
        this.abort = abort;
        this.answer = answer;
        this.faultAtToken = Math.max(0, call.maxTokens() / 2);
        this.stream = exchange.startEventStream();
        if (call.chat()) {
            stream.send(chunks.roleChunk());
        }
        if (fault == FaultPlan.Fault.STALL) {
            stalled = true;
            SimOpenAiHandler.schedule(timers, stallMillis, this::endStall);
        }
    }

    @Override
    public synchronized void onToken(int index, long nanos) {
        if (dead) {
            return;
        }
        if (!stream.isOpen()) {
            die();
            return;
        }
        if (index == 0) {
            firstTokenNanos = nanos;
        }
        if (index == faultAtToken) {
            switch (fault) {
                case RESET -> {
                    stream.reset();
                    die();
                    return;
                }
                case TRUNCATE -> {
                    flushHeld();
                    stream.close();
                    die();
                    return;
                }
                case MALFORMED -> emit("{\"id\":\"broken\",\"choices\":[{\"delta\":{\"content\":");
                default -> {
                }
            }
        }
        emit(chunks.tokenChunk(answer.token(index)));
    }

    @Override
    public synchronized void onFinished(FinishReason reason, int promptTokens, int completionTokens, long nanos) {
        if (dead) {
            return;
        }
        // Observed before the last bytes go out: a /metrics scrape taken after a client saw its answer end
        // counts it (bench --server-metrics takes one as each level ends).
        metrics.finished(reason, arrivalNanos, firstTokenNanos, nanos, completionTokens);
        emit(chunks.finishChunk(reason.wireName()));
        if (call.includeUsage()) {
            emit(chunks.usageChunk(promptTokens, completionTokens));
        }
        emit("[DONE]");
        if (stalled) {
            closeAfterStall = true;
        } else {
            stream.close();
        }
    }

    private void emit(String payload) {
        if (stalled) {
            held.add(payload);
        } else {
            stream.send(payload);
        }
    }

    private synchronized void endStall() {
        stalled = false;
        flushHeld();
        if (closeAfterStall) {
            stream.close();
        }
    }

    private void flushHeld() {
        for (String p : held) {
            stream.queue(p);
        }
        held.clear();
        stream.flush();
    }

    private void die() {
        dead = true;
        metrics.aborted();
        abort.run();
    }
}
