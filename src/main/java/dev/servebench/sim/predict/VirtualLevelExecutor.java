package dev.servebench.sim.predict;

import dev.servebench.BadInputException;

import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.RequestFactory;
import dev.servebench.client.AnswerLength;
import dev.servebench.client.CompletionRequest;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.ArrivalSchedule;
import dev.servebench.load.LoadModel;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;
import dev.servebench.sim.engine.Engine;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.FinishReason;
import dev.servebench.sim.engine.StepTimeModel;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.sim.vtime.EventLoop;
import dev.servebench.sim.cluster.ClusterFrontend;
import dev.servebench.sim.cluster.InstanceDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a benchmark level against a simulated engine in virtual time: closed-loop clients send
 * their next request the instant the previous one ends, open-loop arrivals follow the level's
 * schedule, and every request yields a {@link RequestRecord} stamped with virtual nanoseconds, so
 * the usual aggregation and status rules apply unchanged. One engine serves all levels in turn,
 * like one server through a benchmark (its prefix cache stays warm between levels).
 */
public final class VirtualLevelExecutor implements LevelExecutor {
    private final VirtualBackend backend;
    private final Function<LevelSpec, PromptEncoder> encoders;
    private final long timeoutNanos;
    private final boolean decodeOnly;
    private long clockNanos = 1_000_000_000L;
    /** How long a closed loop takes to start all its clients (evenly spread); zero: all at once. */
    private Function<LevelSpec, Long> startSpreadNanos = level -> 0L;
    private long nextRequestId = 1;

    public VirtualLevelExecutor(Engine engine, StepTimeModel stepTime, PromptEncoder encoder, Duration timeout) {
        this(engine, stepTime, level -> encoder, timeout);
    }

    /**
     * With an encoder per level: levels whose answers end at EOS after lengths of their own (a study's rows),
     * served by one engine.
     */
    public VirtualLevelExecutor(Engine engine, StepTimeModel stepTime, Function<LevelSpec, PromptEncoder> encoders,
                                Duration timeout) {
        this(VirtualBackend.single(engine, stepTime), encoders, timeout);
    }

    /** Requests go to {@code backend}: one engine, or a cluster of them behind a router. */
    public VirtualLevelExecutor(VirtualBackend backend, Function<LevelSpec, PromptEncoder> encoders, Duration timeout) {
        this(backend, encoders, timeout.toNanos(), false, level -> 0L);
    }

    private VirtualLevelExecutor(VirtualBackend backend, Function<LevelSpec, PromptEncoder> encoders, long timeoutNanos,
                                 boolean decodeOnly, Function<LevelSpec, Long> startSpreadNanos) {
        this.backend = backend;
        this.encoders = encoders;
        this.timeoutNanos = timeoutNanos;
        this.decodeOnly = decodeOnly;
        this.startSpreadNanos = startSpreadNanos;
    }

    /**
     * The same executor with every prompt's KV preloaded, as vLLM's DecodeBenchConnector fills the cache without
     * running prefill: the decode phase measured alone (TTFT is then one decode step).
     */
    public VirtualLevelExecutor decodeOnly() {
        return new VirtualLevelExecutor(backend, encoders, timeoutNanos, true, startSpreadNanos);
    }

    /**
     * The same executor with closed-loop clients starting evenly spread over {@code spread} of their level instead
     * of all at its first instant.
     */
    public VirtualLevelExecutor spreadingStarts(Function<LevelSpec, Long> spread) {
        return new VirtualLevelExecutor(backend, encoders, timeoutNanos, decodeOnly, spread);
    }

    /** Virtual time: where the next level starts. */
    @Override
    public long clockNanos() {
        return clockNanos;
    }

    @Override
    public LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener) {
        if (requests.conversation().multiTurn()) {
            // A turn resends the server's own answer; virtual time makes no text to send back.
            throw new BadInputException("predict does not simulate multi-turn conversations; run the simulator "
                    + "in real time instead: servebench bench --turns " + requests.conversation().turns()
                    + " (the built-in target), or servebench sim and bench --url against it");
        }
        LevelRun run = new LevelRun(level, requests, listener);
        return run.run();
    }

    /** The mutable state of one level's run; lives only inside {@link #execute}. */
    private final class LevelRun {
        private final LevelSpec level;
        private final RequestFactory requests;
        private final RecordListener listener;
        private final PromptEncoder encoder;
        private final EventLoop loop = new EventLoop(clockNanos);
        private final ClusterFrontend frontend;
        private final Map<Long, InFlight> inFlight = new HashMap<>();
        private final List<RequestRecord> records = new ArrayList<>();
        private final int maxRequests;
        private final long deadlineNanos;
        private final long startNanos;
        private int issued;
        private long lastIssueNanos;

        LevelRun(LevelSpec level, RequestFactory requests, RecordListener listener) {
            this.level = level;
            this.requests = requests;
            this.listener = listener;
            this.encoder = encoders.apply(level);
            this.frontend = backend.open(loop);
            this.maxRequests = level.bounds().maxRequests().orElse(Integer.MAX_VALUE);
            this.startNanos = clockNanos;
            this.lastIssueNanos = startNanos;
            this.deadlineNanos = level.bounds().maxDuration().map(d -> startNanos + d.toNanos())
                    .orElse(Long.MAX_VALUE);
        }

        LoadResult run() {
            switch (level.load()) {
                case LoadModel.ClosedLoop c -> {
                    int workers = Math.min(c.concurrency(), maxRequests);
                    long spread = startSpreadNanos.apply(level);
                    for (int w = 0; w < workers; w++) {
                        long at = startNanos + (workers <= 1 ? 0 : spread * w / workers);
                        if (at == startNanos) {
                            issueNext(at);
                        } else {
                            loop.at(at, () -> issueNext(at));
                        }
                    }
                }
                case LoadModel.ConstantRate r -> scheduleArrivals(new ArrivalSchedule(r));
                case LoadModel.PoissonRate p -> scheduleArrivals(new ArrivalSchedule(p));
                case LoadModel.Replay r -> scheduleArrivals(new ArrivalSchedule(r));
            }
            while (loop.runNext()) {
                // The loop runs until every request has ended.
            }
            long end = startNanos;
            List<RequestRecord> ordered = new ArrayList<>(records.size());
            for (RequestRecord r : records) {
                if (r != null) {
                    ordered.add(r);
                    end = Math.max(end, r.endNanos());
                }
            }
            // The next level starts when this one's last request ended, as with a real server and no cooldown.
            // Not at the loop's last event: that is a request timeout left scheduled for requests long done,
            // which put an hour (the timeout) of nothing between levels in requests.jsonl.
            clockNanos = end;
            return new LoadResult(ordered, startNanos, lastIssueNanos, end);
        }

        private void scheduleArrivals(ArrivalSchedule schedule) {
            if (issued >= maxRequests || !schedule.hasNext()) {
                return;
            }
            long at = startNanos + schedule.nextOffsetNanos();
            if (at >= deadlineNanos) {
                return;
            }
            loop.at(at, () -> {
                issue(at);
                scheduleArrivals(schedule);
            });
        }

        /** A closed-loop worker's next request, unless the level is over. */
        private void issueNext(long now) {
            if (issued < maxRequests && now < deadlineNanos) {
                issue(now);
            }
        }

        private void issue(long now) {
            int index = issued++;
            lastIssueNanos = Math.max(lastIssueNanos, now);
            CompletionRequest request = requests.build(level.workload(), index);
            PromptEncoder.EncodedPrompt prompt = encoder.encode(request.prompt(), request.imageUrls());
            long id = nextRequestId++;
            EngineRequest asked = prompt.toRequest(id, request.maxTokens(), 0, request.ignoreEos());
            EngineRequest engineRequest = decodeOnly ? asked.withPreloaded(id, asked.promptTokens() - 1) : asked;
            if (!frontend.fits(engineRequest)) {
                // vLLM refuses a request longer than the model's context with HTTP 400.
                finish(index, new RequestRecord(now, now, RequestRecord.NONE, now, new long[0], 0, 0,
                        TokenSource.ESTIMATED, 400, RequestOutcome.HTTP_4XX, null,
                        "prompt + max_tokens exceed the KV cache"));
                return;
            }
            InFlight f = new InFlight(index, now, request.maxTokens(), request.lengthForced());
            inFlight.put(id, f);
            frontend.submit(engineRequest, new InstanceDriver.Sink() {
                @Override
                public void onToken(int tokenIndex, long nanos) {
                    LevelRun.this.onToken(id, tokenIndex, nanos);
                }

                @Override
                public void onFinished(FinishReason reason, int promptTokens, int completionTokens, long nanos) {
                    LevelRun.this.onFinished(id, reason, promptTokens, completionTokens, nanos);
                }
            });
            loop.at(now + timeoutNanos, () -> timeout(id));
        }

        private void timeout(long id) {
            InFlight f = inFlight.remove(id);
            if (f == null) {
                return;
            }
            frontend.abort(id);
            long now = loop.nowNanos();
            finish(f.index, new RequestRecord(f.sentNanos, f.sentNanos, f.firstTokenNanos, now, f.gaps(), 0,
                    f.tokens, TokenSource.ESTIMATED, 200, RequestOutcome.TIMEOUT, null, "request timeout"));
        }

        private void onToken(long requestId, int index, long nanos) {
            InFlight f = inFlight.get(requestId);
            if (f != null) {
                f.token(nanos);
            }
        }

        private void onFinished(long requestId, FinishReason reason, int promptTokens, int completionTokens,
                               long nanos) {
            InFlight f = inFlight.remove(requestId);
            if (f == null) {
                return;
            }
            var shortfall = AnswerLength.shortfall(completionTokens, true, f.lengthForced, f.maxTokens);
            finish(f.index, new RequestRecord(f.sentNanos, f.sentNanos, f.firstTokenNanos, nanos, f.gaps(),
                    promptTokens, completionTokens, TokenSource.USAGE, 200,
                    shortfall.isPresent() ? RequestOutcome.SHORT : RequestOutcome.OK, reason.wireName(),
                    shortfall.orElse(null)));
        }

        private void finish(int index, RequestRecord record) {
            while (records.size() <= index) {
                records.add(null);
            }
            records.set(index, record);
            listener.onRecord(index, record);
            if (level.load() instanceof LoadModel.ClosedLoop) {
                // Through the loop, not recursively: a run of refused requests must not grow the stack.
                long end = record.endNanos();
                loop.at(end, () -> issueNext(end));
            }
        }
    }

    /** What the simulated client has seen of one request so far. */
    private static final class InFlight {
        final int index;
        final long sentNanos;
        final int maxTokens;
        final boolean lengthForced;
        long firstTokenNanos = RequestRecord.NONE;
        long lastTokenNanos;
        long[] gaps = new long[16];
        int tokens;

        InFlight(int index, long sentNanos, int maxTokens, boolean lengthForced) {
            this.index = index;
            this.sentNanos = sentNanos;
            this.maxTokens = maxTokens;
            this.lengthForced = lengthForced;
        }

        void token(long nanos) {
            if (tokens == 0) {
                firstTokenNanos = nanos;
            } else {
                if (tokens - 1 == gaps.length) {
                    gaps = Arrays.copyOf(gaps, gaps.length * 2);
                }
                gaps[tokens - 1] = nanos - lastTokenNanos;
            }
            lastTokenNanos = nanos;
            tokens++;
        }

        long[] gaps() {
            return Arrays.copyOf(gaps, Math.max(0, tokens - 1));
        }
    }
}
