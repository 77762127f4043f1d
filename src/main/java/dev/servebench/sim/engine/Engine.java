package dev.servebench.sim.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A simulated vLLM engine core: requests go in, steps come out. The caller owns time: it asks
 * for the next step ({@link #schedule()}), lets the {@link StepTimeModel} say how long it takes,
 * and reports the step done at its end time ({@link #complete}). Virtual-time and real-time
 * drivers share this class. {@link #submit} and {@link #abort} may be called from any thread;
 * everything else from the driver's thread only.
 */
public final class Engine {
    private final EngineConfig config;
    private final KvCacheManager kv;
    private final Scheduler scheduler;
    private final Map<Long, Sequence> live = new HashMap<>();
    private final Queue<EngineRequest> inbox = new ConcurrentLinkedQueue<>();
    private final Queue<Long> aborts = new ConcurrentLinkedQueue<>();
    private long arrivals;
    private long promptTokens;
    private long generationTokens;
    private long preemptions;
    private long finished;
    private long steps;
    private volatile EngineSnapshot snapshot;

    public Engine(EngineConfig config) {
        this.config = config;
        this.kv = new KvCacheManager(config.blockSize(), config.kvBlocks(), config.prefixCaching());
        this.scheduler = new Scheduler(config, kv);
        this.snapshot = takeSnapshot();
    }

    public EngineConfig config() {
        return config;
    }

    /** True when the request's prompt and longest output fit in the KV cache at all; others can never run. */
    public boolean fits(EngineRequest request) {
        return (long) request.promptTokens() + request.maxTokens() <= config.kvCapacityTokens();
    }

    /** Queues a request; it joins the waiting queue at the next {@link #schedule()}. Thread-safe. */
    public void submit(EngineRequest request) {
        if (!fits(request)) {
            throw new IllegalArgumentException("request " + request.id() + " needs "
                    + ((long) request.promptTokens() + request.maxTokens()) + " tokens of KV cache; capacity is "
                    + config.kvCapacityTokens());
        }
        inbox.add(request);
    }

    /** Drops a request wherever it is (client disconnected); its blocks are freed at the next step. Thread-safe. */
    public void abort(long requestId) {
        aborts.add(requestId);
    }

    /** True when there is anything to compute, queued submissions included. */
    public boolean hasWork() {
        return !inbox.isEmpty() || !scheduler.running.isEmpty() || !scheduler.waiting.isEmpty();
    }

    /** Decides the next step. Empty when there is nothing to do. */
    public ScheduledStep schedule() {
        drainInbox();
        ScheduledStep step = scheduler.schedule();
        snapshot = takeSnapshot();
        return step;
    }

    /** Applies a step's results as of {@code endNanos}, telling the listener of new tokens and finished requests. */
    public void complete(ScheduledStep step, long endNanos, EngineListener listener) {
        steps++;
        preemptions += step.preemptions;
        boolean anyFinished = false;
        for (int i = 0; i < step.sequences.size(); i++) {
            Sequence s = step.sequences.get(i);
            int before = s.computedTokens;
            s.computedTokens += step.newTokens[i];
            promptTokens += Math.max(0, Math.min(s.computedTokens, s.request.promptTokens())
                    - Math.min(before, s.request.promptTokens()));
            kv.cacheComputedPromptBlocks(s);
            if (s.computedTokens < s.totalTokens()) {
                continue;
            }
            s.outputTokens++;
            generationTokens++;
            listener.onToken(s.request.id(), s.outputTokens - 1, endNanos);
            if (s.done()) {
                kv.free(s);
                live.remove(s.request.id());
                s.computedTokens = -1; // marks it for removal from the running list below
                anyFinished = true;
                finished++;
                listener.onFinished(s.request.id(), s.finishReason(), s.request.promptTokens(), s.outputTokens,
                        endNanos);
            }
        }
        if (anyFinished) {
            scheduler.running.removeIf(s -> s.computedTokens < 0);
        }
        snapshot = takeSnapshot();
    }

    /** The latest gauges and counters; safe to read from any thread. */
    public EngineSnapshot snapshot() {
        return snapshot;
    }

    private void drainInbox() {
        EngineRequest r;
        while ((r = inbox.poll()) != null) {
            Sequence s = new Sequence(r, arrivals++);
            if (live.putIfAbsent(r.id(), s) != null) {
                throw new IllegalArgumentException("duplicate request id " + r.id());
            }
            scheduler.waiting.addLast(s);
        }
        Long id;
        while ((id = aborts.poll()) != null) {
            Sequence s = live.remove(id);
            if (s != null) {
                kv.free(s);
                scheduler.running.remove(s);
                scheduler.waiting.remove(s);
            }
        }
    }

    private EngineSnapshot takeSnapshot() {
        return new EngineSnapshot(scheduler.running.size(), scheduler.waiting.size(), kv.usedBlocks(),
                kv.totalBlocks(), promptTokens, generationTokens, preemptions, finished, kv.prefixQueriedTokens(),
                kv.prefixHitTokens(), steps);
    }
}
