package dev.servebench.bench;

import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.metrics.PromptCacheCounts;
import dev.servebench.metrics.ServerReading;
import dev.servebench.load.LoadResult;
import dev.servebench.metrics.ServerMetricsRecorder;
import dev.servebench.metrics.ServerMetricsSummary;
import dev.servebench.prompt.ImageSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The progressive benchmark: runs the planned levels phase by phase, classifies each level, and
 * tells its listeners everything as it happens. Build one with {@link #builder()}; the CLI's
 * {@code bench} command is a thin layer over this class.
 *
 * <pre>{@code
 * try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(URI.create("http://127.0.0.1:8000"), "m"))) {
 *     BenchmarkResult result = Benchmark.builder()
 *             .target(new TargetInfo("local vLLM", "http://127.0.0.1:8000", "m"))
 *             .config(BenchmarkConfig.builder().phases(Set.of(Phase.BASELINE, Phase.SCALING)).build())
 *             .executor(new HttpLevelExecutor(client))
 *             .build()
 *             .run();
 * }
 * }</pre>
 */
public final class Benchmark {
    private final TargetInfo target;
    private final BenchmarkConfig config;
    private final LevelExecutor executor;
    private final List<BenchmarkListener> listeners;
    private final PromptPlan prompts;
    private final ImageSource images;
    private final Interruption interruption;
    /** Reads the server's own metrics while each level runs; null when not asked to. */
    private final ServerMetricsRecorder serverMetrics;
    /** Reads the server's cache counters as each level starts and ends; null when not asked to. */
    private final PromptCacheProbe promptCache;
    /** The levels in order; images are generated (real time at start-up) only when a level sends some. */
    private final List<LevelSpec> plan;

    private Benchmark(Builder b) {
        this.target = Objects.requireNonNull(b.target, "target");
        this.config = Objects.requireNonNull(b.config, "config");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.listeners = List.copyOf(b.listeners);
        this.prompts = b.prompts != null ? b.prompts : PromptPlans.offline(config);
        this.interruption = b.interruption;
        this.serverMetrics = b.serverMetrics;
        this.promptCache = b.promptCache;
        this.plan = b.levels != null ? b.levels : BenchmarkPlan.levels(config, prompts.requests());
        this.images = plan.stream().noneMatch(l -> l.workload().images() > 0) ? null
                : b.images != null ? b.images
                : config.imageUrls().isEmpty()
                ? ImageSource.generated(512, 512, config.seed())
                : ImageSource.ofUrls(config.imageUrls());
    }

    public static Builder builder() {
        return new Builder();
    }

    public BenchmarkResult run() {
        long startEpochMillis = System.currentTimeMillis();
        long originNanos = executor.clockNanos();
        listeners.forEach(l -> l.onStart(target, config, plan, originNanos));
        List<LevelResult> results = new ArrayList<>();
        OptionalDouble baselineP99 = OptionalDouble.empty();
        OptionalDouble previousSaturationThroughput = OptionalDouble.empty();
        Phase previousPhase = null;
        Phase abandonedPhase = null;
        long entriesUsed = 0;
        for (int i = 0; i < plan.size(); i++) {
            LevelSpec level = plan.get(i);
            if (level.phase() == abandonedPhase) {
                continue;
            }
            if (interruption.requested()) {
                break;
            }
            if (previousPhase != null && previousPhase != level.phase()) {
                cooldown();
            }
            previousPhase = level.phase();
            int levelNumber = i + 1;
            listeners.forEach(l -> l.onLevelStart(level, levelNumber, plan.size()));
            boolean mainWorkload = level.phase().drawsMainRequests();
            RequestFactory factory = new RequestFactory(prompts.prompts(), images, config.ignoreEos(), levelNumber,
                    mainWorkload ? prompts.requests() : RequestSource.SYNTHETIC,
                    mainWorkload ? config.conversation() : Conversation.SINGLE_TURN, entriesUsed);
            FailureStreak streak = new FailureStreak();
            Optional<ServerReading> cacheAtStart = promptCache == null ? Optional.empty() : promptCache.read();
            ServerMetricsRecorder.LevelWindow window = serverMetrics == null ? null
                    : serverMetrics.startLevel(originNanos);
            LoadResult load;
            try {
                load = executor.execute(level, factory, (index, record) -> {
                    streak.onRecord(record);
                    notifyRequest(level, index, record);
                }, () -> streak.tripped() || interruption.requested());
            } catch (RuntimeException | Error e) {
                if (window != null) {
                    window.finish();
                }
                throw e;
            }
            Optional<ServerMetricsSummary> server = window == null ? Optional.empty() : Optional.of(window.finish());
            if (mainWorkload) {
                entriesUsed += load.records().size();
            }
            LevelMetrics metrics = LevelAggregator.aggregate(load, config.slo(), config.activeParamsBillions(),
                    LengthExpectation.of(factory, config.ignoreEos(), prompts));
            Optional<dev.servebench.load.WorkerCount> lostWorkers = load.workers().filter(w -> !w.allFinished());
            StatusVerdict verdict = streak.tripped()
                    ? new StatusVerdict(LevelStatus.FAILING, streak.reason())
                    : lostWorkers.isPresent()
                    // A lost worker's share was never measured whole: the level cannot pass on the part it sent.
                    ? new StatusVerdict(LevelStatus.FAILING, lostWorkers.get().lost() + " of "
                            + lostWorkers.get().planned() + " load worker(s) lost, with at least "
                            + lostWorkers.get().lostInFlight() + " request(s) in flight never recorded")
                    : StatusRules.classify(level.phase(), metrics.successRate(),
                    metrics.latencySeconds().p99(), baselineP99, metrics.totalTokensPerSecond(),
                    previousSaturationThroughput);
            if (interruption.requested()) {
                // Ctrl-C cut this level: its figures and status are those of the requests that ran, and say so.
                verdict = verdict.interrupted(metrics.requests(),
                        level.bounds().maxRequests().map(String::valueOf).orElse("its"));
            }
            if (level.phase() == Phase.BASELINE && metrics.validRequests() > 0) {
                baselineP99 = OptionalDouble.of(metrics.latencySeconds().p99());
            }
            if (level.phase() == Phase.SATURATION) {
                previousSaturationThroughput = OptionalDouble.of(metrics.totalTokensPerSecond());
            }
            Optional<PromptCacheCheck> cache = cacheAtStart.isEmpty() ? Optional.empty()
                    : checkCache(cacheAtStart.get(), load, mainWorkload);
            LevelResult result = new LevelResult(level, metrics, verdict, server, load.workers(), cache);
            results.add(result);
            listeners.forEach(l -> l.onLevelEnd(result));
            if (streak.tripped()) {
                abandonedPhase = level.phase();
                listeners.forEach(l -> l.onPhaseAbandoned(level.phase(), streak.reason()));
            }
        }
        BenchmarkResult result = new BenchmarkResult(target, config, startEpochMillis, System.currentTimeMillis(),
                results, interruption.requested());
        listeners.forEach(l -> l.onFinish(result));
        return result;
    }

    /** The level's prompt-cache check from the counters at its start and now; empty when they do not tell. */
    private Optional<PromptCacheCheck> checkCache(ServerReading start, LoadResult load, boolean mainWorkload) {
        Optional<ServerReading> end = promptCache.read();
        if (end.isEmpty()) {
            return Optional.empty();
        }
        long sent = 0;
        boolean usage = false;
        for (RequestRecord r : load.records()) {
            if (r.tokenSource() == TokenSource.USAGE) {
                sent += r.promptTokens();
                usage = true;
            }
        }
        Optional<PromptCacheCounts> counts = PromptCacheCounts.between(start, end.get(),
                usage ? OptionalLong.of(sent) : OptionalLong.empty());
        if (counts.isEmpty()) {
            promptCache.giveUp("the server's metrics hold no prefix-cache counter (vLLM's prefix_cache_hits_total, "
                    + "SGLang's cached_tokens_total, llama.cpp's prompt_tokens_total)");
            return Optional.empty();
        }
        return Optional.of(PromptCacheCheck.of(counts.get(),
                CacheExpectation.because(config, prompts.requests(), mainWorkload),
                prompts.templateOverheadTokens(), load.records().size()));
    }

    private void notifyRequest(LevelSpec level, int index, RequestRecord record) {
        for (BenchmarkListener l : listeners) {
            l.onRequest(level, index, record);
        }
    }

    private void cooldown() {
        Duration pause = config.cooldown();
        if (pause.isZero()) {
            return;
        }
        listeners.forEach(l -> l.onCooldown(pause));
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted during cooldown", e);
        }
    }

    public static final class Builder {
        private TargetInfo target;
        private BenchmarkConfig config = BenchmarkConfig.builder().build();
        private LevelExecutor executor;
        private final List<BenchmarkListener> listeners = new CopyOnWriteArrayList<>();
        private PromptPlan prompts;
        private Interruption interruption = Interruption.none();
        private List<LevelSpec> levels;
        private ImageSource images;
        private ServerMetricsRecorder serverMetrics;
        private PromptCacheProbe promptCache;

        private Builder() {
        }

        public Builder target(TargetInfo v) {
            target = v;
            return this;
        }

        public Builder config(BenchmarkConfig v) {
            config = v;
            return this;
        }

        public Builder executor(LevelExecutor v) {
            executor = v;
            return this;
        }

        public Builder listener(BenchmarkListener v) {
            listeners.add(v);
            return this;
        }

        /**
         * How prompts are made and counted, prepared against the server by {@link PromptPlans#prepare};
         * without one, the config's mode sized by the four-characters estimate.
         */
        public Builder prompts(PromptPlan v) {
            prompts = v;
            return this;
        }

        /** Stops the run early when requested: no further request or level (see {@link Interruption}). */
        public Builder interruption(Interruption v) {
            interruption = v;
            return this;
        }

        /**
         * The levels to run, given whole (a study preset's rows, each with its own request shape) instead of
         * derived from the config by {@link BenchmarkPlan}; the config still gives everything else.
         */
        public Builder levels(List<LevelSpec> v) {
            levels = List.copyOf(v);
            return this;
        }

        /** The images vision levels send, instead of the config's URLs or generated ones. */
        public Builder images(ImageSource v) {
            images = v;
            return this;
        }

        /**
         * Reads the server's own metrics as each level runs (a reading before its first request, every interval,
         * after its last), so each {@link LevelResult} carries the server's view. Real-time executors only: the
         * readings are stamped with {@link System#nanoTime()}. The caller closes the recorder.
         */
        public Builder serverMetrics(ServerMetricsRecorder v) {
            serverMetrics = v;
            return this;
        }

        /**
         * Reads the server's cache counters as each level starts and ends, so a level the server answered from
         * its prompt cache says so ({@link LevelResult#promptCache()}). Real servers only; the caller closes it.
         */
        public Builder promptCache(PromptCacheProbe v) {
            promptCache = v;
            return this;
        }

        public Benchmark build() {
            return new Benchmark(this);
        }
    }
}
