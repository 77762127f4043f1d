package dev.servebench.bench;

import dev.servebench.BadInputException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Everything that defines a progressive benchmark's workload, with SPEC's defaults. Built with
 * {@link #builder()}; flags and workload files both fill the same builder.
 *
 * @param requestsPerLevel   if set, every SCALING, STRESS and SATURATION level sends exactly this
 *                           many requests before intensity scaling; otherwise max(minRequestsPerLevel,
 *                           requestsPerConcurrency × concurrency). BASELINE uses baselineRequests,
 *                           WARMUP always one request.
 * @param rates              if set, SCALING runs open-loop at these request rates instead of
 *                           {@code scalingLevels} concurrencies
 * @param maxLevelDuration   optional time bound per level (requests stop being issued after it)
 * @param requestMix         what the requests say (generated, shared prefixes, a dataset, a trace); WARMUP
 *                           and STRESS always send generated prompts of their own lengths
 * @param conversation       turns per closed-loop user's conversation (BASELINE, SCALING, SATURATION)
 * @param seed               what the prompts, the dataset sample, generated images and Poisson arrivals are drawn
 *                           from: the same seed sends the same requests
 * @param seedOrigin         where the seed came from: given, drawn for this run, derived for an experiment's trial,
 *                           or the fixed default of in-process predictions
 */
public record BenchmarkConfig(Set<Phase> phases, Workload warmupWorkload, Workload mainWorkload,
                              Workload saturationWorkload, int baselineRequests, List<Integer> scalingLevels,
                              List<Integer> saturationLevels, StressSettings stress, Optional<Integer> requestsPerLevel,
                              int minRequestsPerLevel, int requestsPerConcurrency, Intensity intensity,
                              Duration cooldown, PromptMode promptMode, boolean ignoreEos, long seed,
                              SeedOrigin seedOrigin, Optional<List<Double>> rates, boolean poissonArrivals, Slo slo,
                              OptionalDouble activeParamsBillions, List<String> imageUrls,
                              Optional<Duration> maxLevelDuration, RequestMix requestMix,
                              Conversation conversation) {

    public BenchmarkConfig {
        // In the phases' own order (an EnumSet's), so that summary.json and the report list them as they run.
        phases = phases.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(phases));
        if (phases.isEmpty()) {
            throw new BadInputException("no phases selected; use e.g. --phases warmup,baseline,scaling");
        }
        scalingLevels = positiveLevels(scalingLevels, "--scaling");
        saturationLevels = positiveLevels(saturationLevels, "--saturation");
        imageUrls = List.copyOf(imageUrls);
        Objects.requireNonNull(stress);
        Objects.requireNonNull(intensity);
        Objects.requireNonNull(slo);
        Objects.requireNonNull(seedOrigin, "seedOrigin");
        requestsPerLevel.ifPresent(n -> {
            if (n < 1) {
                throw new BadInputException("--requests must be at least 1, got " + n);
            }
        });
        if (baselineRequests < 1) {
            throw new BadInputException("--baseline-requests must be at least 1, got " + baselineRequests
                    + "; leave baseline out of --phases to skip it");
        }
        rates.ifPresent(BenchmarkConfig::checkRates);
        if (conversation.thinkTime().compareTo(MAX_GAP) > 0) {
            throw new BadInputException("--think-time " + Durations.format(conversation.thinkTime())
                    + " is beyond 1 hour, so a conversation could not end within a run; give at most 1h");
        }
        if (cooldown.isNegative()) {
            throw new BadInputException("--cooldown must not be negative");
        }
        Objects.requireNonNull(requestMix, "requestMix");
        Objects.requireNonNull(conversation, "conversation");
        if (conversation.multiTurn() && rates.isPresent()) {
            throw new BadInputException("--turns " + conversation.turns() + " needs closed-loop users (each waits "
                    + "for its answer before the next turn); drop --rate or use --turns 1");
        }
    }

    /**
     * The longest pause a run accepts between one user's or one arrival's requests: a rate whose mean
     * gap is longer (under one request an hour), or a longer think time, would keep the level running
     * for hours after it looks stuck, so it is refused as a typo rather than run.
     */
    public static final Duration MAX_GAP = Duration.ofHours(1);

    private static void checkRates(List<Double> rates) {
        for (double r : rates) {
            if (!(r > 0) || Double.isInfinite(r)) {
                throw new BadInputException("--rates must be positive request rates (requests per second), got " + r);
            }
            if (1 / r > MAX_GAP.toSeconds()) {
                throw new BadInputException(String.format(java.util.Locale.ROOT, "--rates %s is under one request"
                        + " an hour, so its level could not end within a run; give at least %.6f (1 per hour)",
                        r, 1.0 / MAX_GAP.toSeconds()));
            }
        }
    }

    private static List<Integer> positiveLevels(List<Integer> levels, String flag) {
        for (int c : levels) {
            if (c < 1) {
                throw new BadInputException(flag + " levels must be positive concurrencies, got " + c);
            }
        }
        return List.copyOf(levels);
    }

    /** The seed of runs nobody chose one for that need no fresh one (in-process predictions, tests). */
    public static final long FIXED_SEED = 42;

    public static Builder builder() {
        return new Builder();
    }

    /** The same workload with another seed. */
    public BenchmarkConfig withSeed(long value, SeedOrigin origin) {
        return toBuilder().seed(value, origin).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.phases = EnumSet.copyOf(phases);
        b.warmupWorkload = warmupWorkload;
        b.mainWorkload = mainWorkload;
        b.saturationWorkload = saturationWorkload;
        b.baselineRequests = baselineRequests;
        b.scalingLevels = scalingLevels;
        b.saturationLevels = saturationLevels;
        b.stress = stress;
        b.requestsPerLevel = requestsPerLevel;
        b.minRequestsPerLevel = minRequestsPerLevel;
        b.requestsPerConcurrency = requestsPerConcurrency;
        b.intensity = intensity;
        b.cooldown = cooldown;
        b.promptMode = promptMode;
        b.ignoreEos = ignoreEos;
        b.seed = seed;
        b.seedOrigin = seedOrigin;
        b.rates = rates;
        b.poissonArrivals = poissonArrivals;
        b.slo = slo;
        b.activeParamsBillions = activeParamsBillions;
        b.imageUrls = imageUrls;
        b.maxLevelDuration = maxLevelDuration;
        b.requestMix = requestMix;
        b.conversation = conversation;
        return b;
    }

    /** Mutable builder holding SPEC's defaults until told otherwise. */
    public static final class Builder {
        private Set<Phase> phases = EnumSet.allOf(Phase.class);
        private Workload warmupWorkload = new Workload(100, 50, 0);
        private Workload mainWorkload = new Workload(500, 200, 0);
        private Workload saturationWorkload = new Workload(500, 100, 0);
        private int baselineRequests = 10;
        private List<Integer> scalingLevels = List.of(5, 10, 25, 50, 100, 150, 200);
        private List<Integer> saturationLevels = List.of(150, 200, 300, 500, 750, 1000);
        private StressSettings stress = StressSettings.DEFAULTS;
        private Optional<Integer> requestsPerLevel = Optional.empty();
        private int minRequestsPerLevel = 20;
        private int requestsPerConcurrency = 2;
        private Intensity intensity = Intensity.DEFAULT;
        private Duration cooldown = Duration.ofSeconds(3);
        private PromptMode promptMode = PromptMode.RANDOM;
        private boolean ignoreEos;
        private long seed = FIXED_SEED;
        private SeedOrigin seedOrigin = SeedOrigin.FIXED;
        private Optional<List<Double>> rates = Optional.empty();
        private boolean poissonArrivals = true;
        private Slo slo = Slo.NONE;
        private OptionalDouble activeParamsBillions = OptionalDouble.empty();
        private List<String> imageUrls = List.of();
        private Optional<Duration> maxLevelDuration = Optional.empty();
        private RequestMix requestMix = RequestMix.SYNTHETIC;
        private Conversation conversation = Conversation.SINGLE_TURN;

        private Builder() {
        }

        public Builder phases(Set<Phase> v) {
            phases = v.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(v);
            return this;
        }

        public Builder warmupWorkload(Workload v) {
            warmupWorkload = v;
            return this;
        }

        public Builder mainWorkload(Workload v) {
            mainWorkload = v;
            return this;
        }

        public Builder saturationWorkload(Workload v) {
            saturationWorkload = v;
            return this;
        }

        public Workload mainWorkload() {
            return mainWorkload;
        }

        public Workload saturationWorkload() {
            return saturationWorkload;
        }

        public Workload warmupWorkload() {
            return warmupWorkload;
        }

        public Builder baselineRequests(int v) {
            baselineRequests = v;
            return this;
        }

        public Builder scalingLevels(List<Integer> v) {
            scalingLevels = v;
            return this;
        }

        public Builder saturationLevels(List<Integer> v) {
            saturationLevels = v;
            return this;
        }

        public Builder stress(StressSettings v) {
            stress = v;
            return this;
        }

        public StressSettings stress() {
            return stress;
        }

        public Builder requestsPerLevel(int v) {
            requestsPerLevel = Optional.of(v);
            return this;
        }

        public Builder minRequestsPerLevel(int v) {
            minRequestsPerLevel = v;
            return this;
        }

        public Builder requestsPerConcurrency(int v) {
            requestsPerConcurrency = v;
            return this;
        }

        public Builder intensity(Intensity v) {
            intensity = v;
            return this;
        }

        public Builder cooldown(Duration v) {
            cooldown = v;
            return this;
        }

        public Builder promptMode(PromptMode v) {
            promptMode = v;
            return this;
        }

        public Builder ignoreEos(boolean v) {
            ignoreEos = v;
            return this;
        }

        /** The user's seed: the run replays the prompts of every run given it. */
        public Builder seed(long v) {
            return seed(v, SeedOrigin.GIVEN);
        }

        public Builder seed(long v, SeedOrigin origin) {
            seed = v;
            seedOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** A new seed unless one was given: prompts no earlier run sent, so no server has them cached. */
        public Builder drawSeedUnlessGiven() {
            if (seedOrigin != SeedOrigin.GIVEN) {
                seed(RunSeeds.draw(), SeedOrigin.DRAWN);
            }
            return this;
        }

        public SeedOrigin seedOrigin() {
            return seedOrigin;
        }

        public Builder rates(List<Double> v) {
            rates = Optional.of(List.copyOf(v));
            return this;
        }

        public Builder poissonArrivals(boolean v) {
            poissonArrivals = v;
            return this;
        }

        public Builder slo(Slo v) {
            slo = v;
            return this;
        }

        public Builder activeParamsBillions(double v) {
            activeParamsBillions = OptionalDouble.of(v);
            return this;
        }

        public Builder imageUrls(List<String> v) {
            imageUrls = v;
            return this;
        }

        public Builder maxLevelDuration(Duration v) {
            maxLevelDuration = Optional.of(v);
            return this;
        }

        public Builder requestMix(RequestMix v) {
            requestMix = v;
            return this;
        }

        public Builder conversation(Conversation v) {
            conversation = v;
            return this;
        }

        public Conversation conversation() {
            return conversation;
        }

        public BenchmarkConfig build() {
            return new BenchmarkConfig(phases, warmupWorkload, mainWorkload, saturationWorkload, baselineRequests,
                    scalingLevels, saturationLevels, stress, requestsPerLevel, minRequestsPerLevel,
                    requestsPerConcurrency, intensity, cooldown, promptMode, ignoreEos, seed, seedOrigin, rates,
                    poissonArrivals,
                    slo, activeParamsBillions, imageUrls, maxLevelDuration, requestMix, conversation);
        }
    }
}
