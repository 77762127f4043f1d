package dev.servebench.sim.engine;

import dev.servebench.sim.vtime.EventLoop;
import dev.servebench.sim.vtime.VirtualEngineDriver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Drives an engine in virtual time for tests, checking invariants on every step. */
final class EngineHarness implements EngineListener {
    final Engine engine;
    final EventLoop loop = new EventLoop(0);
    final VirtualEngineDriver driver;
    final Map<Long, Integer> tokens = new HashMap<>();
    final Map<Long, FinishReason> finished = new HashMap<>();
    final Map<Long, Long> finishNanos = new HashMap<>();
    final List<StepShape> steps = new ArrayList<>();
    Consumer<Long> onFinish = id -> { };

    EngineHarness(EngineConfig config, StepTimeModel model) {
        this.engine = new Engine(config);
        this.driver = new VirtualEngineDriver(loop, engine, shape -> {
            steps.add(shape);
            checkKvHoldsContext(shape);
            return model.stepNanos(shape);
        }, this);
    }

    /** Every scheduled sequence's context plus new tokens must be covered by blocks in use. */
    private void checkKvHoldsContext(StepShape shape) {
        EngineSnapshot s = engine.snapshot();
        long needed = 0;
        for (int i = 0; i < shape.sequences(); i++) {
            needed += (shape.contextTokens(i) + shape.newTokens(i) + engine.config().blockSize() - 1)
                    / engine.config().blockSize();
        }
        if (s.kvUsedBlocks() > s.kvTotalBlocks()) {
            throw new AssertionError("blocks in use " + s.kvUsedBlocks() + " > " + s.kvTotalBlocks());
        }
        if (needed > engine.config().kvBlocks()) {
            throw new AssertionError("step needs " + needed + " blocks, cache has " + engine.config().kvBlocks());
        }
    }

    static EngineRequest request(long id, int promptTokens, int maxTokens, long seed) {
        long[] ids = new long[promptTokens];
        for (int i = 0; i < promptTokens; i++) {
            ids[i] = seed * 1_000_003L + i;
        }
        return new EngineRequest(id, ids, 0, 0, maxTokens, 0, 0, true);
    }

    void runToEnd() {
        while (loop.runNext()) {
            // run
        }
    }

    @Override
    public void onToken(long requestId, int index, long nanos) {
        int before = tokens.getOrDefault(requestId, 0);
        if (before != index) {
            throw new AssertionError("request " + requestId + " token " + index + " after " + before + " tokens");
        }
        tokens.put(requestId, index + 1);
    }

    @Override
    public void onFinished(long requestId, FinishReason reason, int promptTokens, int completionTokens, long nanos) {
        finished.put(requestId, reason);
        finishNanos.put(requestId, nanos);
        onFinish.accept(requestId);
    }
}
