package dev.servebench.sim.study;

import dev.servebench.BadInputException;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.Workload;
import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.CheckpointQuantization;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.prompt.ImageSource;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.engine.StepShape;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One model of the study as a preset: its deployment (derived from the study's published settings, not typed
 * in twice) and the levels that reproduce its rows, each with the request shape {@link StudyWorkloads} derived.
 * {@code predict --study NAME} and the calibration test run the same levels, so what the test asserts is what
 * a user sees.
 */
public final class StudyPreset {
    /** The study's GPU and node: 8x MI325X. */
    public static final String GPU = "mi325x";
    public static final int GPUS = 8;
    /**
     * vLLM's scheduling in the study: the "balanced" profile (512 sequences, 16,384 batched tokens), the only
     * one of its profiles consistent with every model saturating at 500 clients (docs/calibration.md).
     */
    public static final String SCHEDULING_PROFILE = "balanced";
    /** No request of the study failed (success 1.0 at 500 clients): its client waited for every answer. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofHours(1);
    /** Seeds the answer lengths of EOS-stopped rows, so a prediction is the same each time. */
    private static final long ANSWER_SEED = 1;

    /**
     * How the answers of rows that ended at EOS (DeepSeek V3.2's) are reproduced. The two fit different
     * figures of the study (docs/calibration.md, "What drives the tail"): neither fits both.
     */
    public enum EosAnswers {
        /** Every answer the row's derived mean length, forced: fits the throughputs, not the p99s. */
        MEAN_LENGTH,
        /**
         * Answers that stop at EOS after geometric lengths under the label's max_tokens, with the row's mean:
         * brings the p99s near the study's, but with three requests per client the last answers drain a long
         * tail and the throughputs fall 18 to 41 %.
         */
        GEOMETRIC
    }

    private final StudyModel model;
    private final StudyWorkloads workloads;
    private final Study.SchedulingProfile scheduling;
    private final EosAnswers eosAnswers;

    private StudyPreset(StudyModel model, StudyWorkloads workloads, Study.SchedulingProfile scheduling,
                        EosAnswers eosAnswers) {
        this.model = model;
        this.workloads = workloads;
        this.scheduling = scheduling;
        this.eosAnswers = eosAnswers;
    }

    /** The preset of a study model by catalogue or study name; bad input names the models there are. */
    public static StudyPreset of(String name) {
        return of(name, EosAnswers.MEAN_LENGTH);
    }

    /** The same, reproducing EOS-stopped rows as {@code eosAnswers} says (the calibration's comparison). */
    public static StudyPreset of(String name, EosAnswers eosAnswers) {
        Study study = Study.bundled();
        StudyModel model = study.model(name).orElseThrow(() -> new BadInputException("--study " + name
                + ": not a model of the MI325X study; use one of " + String.join(", ", study.catalogueNames())));
        return new StudyPreset(model, new StudyWorkloads(study), study.schedulingProfile(SCHEDULING_PROFILE),
                eosAnswers);
    }

    public StudyModel model() {
        return model;
    }

    public StudyWorkloads workloads() {
        return workloads;
    }

    /** The deployment with the built-in performance factors. */
    public SimulatedDeployment deployment() {
        return deployment(PerfFactors.builtIn(), true);
    }

    /**
     * The study's deployment of this model: TP, block size, AITER and KV dtype as published; weights quantized
     * to FP8 at load where the study asked for it and the checkpoint is not already quantized.
     */
    public SimulatedDeployment deployment(PerfFactors factors, boolean prefixCaching) {
        ModelConfig config = ModelCatalogue.load(model.catalogueName());
        boolean unquantized = config.architecture().quantization() instanceof CheckpointQuantization.Unquantized;
        OnlineQuantization online = model.quantizeFp8() && unquantized ? OnlineQuantization.FP8 : OnlineQuantization.NONE;
        ServingOptions options = new ServingOptions(model.tensorParallel(), scheduling.maxNumSeqs(),
                scheduling.maxNumBatchedTokens(), model.blockSize(), 0.9,
                model.fp8Kv() ? KvCacheDtype.FP8 : KvCacheDtype.AUTO, prefixCaching, model.aiter(), online);
        return SimulatedDeployment.of(config, AcceleratorCatalogue.get(GPU), options, factors);
    }

    /** Tokens per image of the vision models' requests (0 for text models). */
    public int imageTokens() {
        return workloads.imageTokens(model);
    }

    /** How the simulated server turns the study's prompts into tokens. */
    public PromptEncoder encoder() {
        return new PromptEncoder(ImageTokens.fixed(Math.max(1, imageTokens())));
    }

    /**
     * A virtual-time executor of a fresh engine: one per run, like the study's one server for all levels. With
     * {@link EosAnswers#GEOMETRIC}, rows whose answers ended at EOS get answers that stop at EOS after geometric
     * lengths under the label's max_tokens, with the mean that, so capped, averages the row's derived output.
     */
    public VirtualLevelExecutor executor(SimulatedDeployment deployment) {
        PromptEncoder forced = encoder();
        return new VirtualLevelExecutor(deployment.newEngine(), deployment.stepTime(), level -> row(level)
                .map(r -> workloads.shape(model, r))
                .filter(shape -> shape.endsAtEos() && endsAtEos())
                .map(shape -> new PromptEncoder(forced.imageTokens(), new AnswerLengths.Geometric(
                        uncappedMean(shape.outputTokens(), shape.labelMaxTokens()), ANSWER_SEED)))
                .orElse(forced), REQUEST_TIMEOUT).spreadingStarts(level -> clientStartSpreadNanos(deployment, level));
    }

    /**
     * How the study's client started a level's clients, as far as its figures tell (docs/calibration.md, "The
     * first wave"): no faster than the engine prefilled their first requests' new tokens. All at once, the vision
     * rows' first prefills would queue for longer than the study's p99 allows: at 100 clients of Qwen3-VL, 100 new
     * images of 1,041 tokens take at least 0.44 s at the BF16 data-sheet peak of 8 MI325X, where the study's p99
     * exceeds its mean latency W by 0.11 s. The smallest start spread that avoids that queue is the time the
     * engine itself needs for those prefills, so this is a property of the simulated deployment, not a fitted
     * number. Text rows send the study's passage, which the prefix cache holds: nothing new to prefill, so their
     * clients start together.
     */
    long clientStartSpreadNanos(SimulatedDeployment deployment, LevelSpec level) {
        int clients = level.concurrency();
        int newTokens = row(level).map(r -> workloads.shape(model, r).imageTokens()).orElse(0);
        if (clients <= 1 || newTokens == 0) {
            return 0L;
        }
        int budget = scheduling.maxNumBatchedTokens();
        long total = (long) clients * newTokens;
        long steps = (total + budget - 1) / budget;
        int tokensPerStep = (int) Math.min(budget, total);
        int imagesPerStep = Math.max(1, tokensPerStep / newTokens);
        return steps * deployment.stepTime().stepNanos(StepShape.prefill(tokensPerStep, 0, imagesPerStep,
                imagesPerStep * newTokens));
    }

    /** Whether this run lets answers stop at EOS: the model's did in the study, and GEOMETRIC was asked for. */
    public boolean endsAtEos() {
        return eosAnswers == EosAnswers.GEOMETRIC
                && model.rows().stream().anyMatch(r -> workloads.shape(model, r).endsAtEos());
    }

    /**
     * The mean m of geometric lengths whose mean capped at {@code maxTokens} is {@code cappedMean}:
     * (1 - (1 - 1/m)^maxTokens) m = cappedMean, solved by bisection (the left side rises with m).
     */
    static double uncappedMean(double cappedMean, int maxTokens) {
        if (cappedMean >= maxTokens) {
            throw new IllegalArgumentException("a capped mean " + cappedMean + " must lie below the cap " + maxTokens);
        }
        double low = Math.max(1, cappedMean);
        double high = 1e9;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (new AnswerLengths.Geometric(mid, ANSWER_SEED).cappedMean(maxTokens) < cappedMean) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /**
     * Every request its own image, so vLLM's multimodal and prefix caches serve none: the study does not say its
     * images repeated. In virtual time the addresses are never fetched; their tokens come from {@link #imageTokens()}.
     */
    public ImageSource images() {
        return ImageSource.uniqueAddresses("https://example.invalid/study-image-");
    }

    /**
     * The benchmark settings every study level shares: the study's paper passage as the prompt (its tokens are
     * what the study counted), outputs forced to their length unless the model's answers ended at EOS, no pause
     * between phases (virtual time).
     */
    public BenchmarkConfig config(Set<Phase> phases, double activeParamsBillions) {
        Set<Phase> withWarmup = EnumSet.of(Phase.WARMUP);
        withWarmup.addAll(phases);
        return BenchmarkConfig.builder().phases(withWarmup).promptMode(PromptMode.PAPER).ignoreEos(!endsAtEos())
                .cooldown(Duration.ZERO).activeParamsBillions(activeParamsBillions)
                .requestsPerConcurrency(Study.REQUESTS_PER_CLIENT).minRequestsPerLevel(Study.MIN_REQUESTS_PER_LEVEL)
                .build();
    }

    /** Which of {@code phases} the study has rows for: SCALING (its scaling rows) and SATURATION (its peak). */
    public static Set<Phase> studyPhases(Set<Phase> phases) {
        Set<Phase> out = EnumSet.noneOf(Phase.class);
        phases.stream().filter(p -> p == Phase.SCALING || p == Phase.SATURATION).forEach(out::add);
        return out;
    }

    /**
     * One closed-loop level per study row of the phases, in the study's order: scaling rows, then the peak;
     * first one warm-up request (excluded from every figure). The study measured on a server that had already
     * served its passage, so its prefix cache held it: without the warm-up a peak run alone would start from a
     * cold cache, with 500 prompts prefilled in full, and predict ~8 % less than the same level after the
     * scaling rows.
     */
    public List<LevelSpec> levels(Set<Phase> phases) {
        List<LevelSpec> levels = new ArrayList<>();
        StudyWorkloads.Shape first = workloads.shape(model, model.rows().getFirst());
        levels.add(new LevelSpec(Phase.WARMUP, "c=1", new LoadModel.ClosedLoop(1), RunBounds.requests(1),
                new Workload(first.textTokens(), first.outputTokens(), first.imageTokens() > 0 ? 1 : 0)));
        for (StudyRow row : model.rows()) {
            Phase phase = phaseOf(row);
            if (!phases.contains(phase)) {
                continue;
            }
            StudyWorkloads.Shape shape = workloads.shape(model, row);
            int c = row.concurrency();
            int requests = Math.max(Study.MIN_REQUESTS_PER_LEVEL, Study.REQUESTS_PER_CLIENT * c);
            int maxTokens = shape.endsAtEos() && endsAtEos() ? shape.labelMaxTokens() : shape.outputTokens();
            levels.add(new LevelSpec(phase, "c=" + c, new LoadModel.ClosedLoop(c), RunBounds.requests(requests),
                    new Workload(shape.textTokens(), maxTokens, shape.imageTokens() > 0 ? 1 : 0)));
        }
        return levels;
    }

    /** Gives {@code builder} this preset's levels of {@code phases} and its images. */
    public Benchmark.Builder configure(Benchmark.Builder builder, Set<Phase> phases) {
        return builder.levels(levels(phases)).images(images());
    }

    /** The study row a level of {@link #levels} reproduces. */
    public Optional<StudyRow> row(LevelSpec level) {
        return model.rows().stream().filter(r -> phaseOf(r) == level.phase() && r.concurrency() == level.concurrency())
                .findFirst();
    }

    /** Each level of a run of {@link #levels} next to the study's row. */
    public List<StudyComparison> compare(BenchmarkResult result) {
        List<StudyComparison> rows = new ArrayList<>();
        for (LevelResult level : result.levels()) {
            row(level.spec()).ifPresent(r -> rows.add(new StudyComparison(model, r, workloads.shape(model, r),
                    level.metrics())));
        }
        return rows;
    }

    private static Phase phaseOf(StudyRow row) {
        return row.kind() == StudyRow.Kind.PEAK ? Phase.SATURATION : Phase.SCALING;
    }
}
