package dev.servebench.bench;

import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Expands a {@link BenchmarkConfig} into the ordered list of levels to run. */
public final class BenchmarkPlan {
    private BenchmarkPlan() {
    }

    /**
     * The levels for a run whose requests come from {@code source}: a trace replaces SCALING's levels
     * by one replay per speed.
     */
    public static List<LevelSpec> levels(BenchmarkConfig config, RequestSource source) {
        if (!(source instanceof RequestSource.FromTrace trace)) {
            return levels(config);
        }
        List<LevelSpec> out = new ArrayList<>();
        for (LevelSpec level : levels(config)) {
            if (level.phase() != Phase.SCALING) {
                out.add(level);
            } else if (out.stream().noneMatch(l -> l.phase() == Phase.SCALING)) {
                out.addAll(replays(config, trace));
            }
        }
        if (config.phases().contains(Phase.SCALING) && out.stream().noneMatch(l -> l.phase() == Phase.SCALING)) {
            // No SCALING level came from the config (none can be empty), yet the phase was asked: add them.
            out.addAll(replays(config, trace));
        }
        return out;
    }

    private static List<LevelSpec> replays(BenchmarkConfig config, RequestSource.FromTrace trace) {
        long[] offsets = trace.trace().requests().stream().mapToLong(r -> r.arrivalOffsetNanos()).toArray();
        List<LevelSpec> out = new ArrayList<>();
        for (double speed : trace.speeds()) {
            LoadModel model = new LoadModel.Replay(offsets, speed);
            out.add(new LevelSpec(Phase.SCALING, model.label(), model,
                    new RunBounds(Optional.of(offsets.length), config.maxLevelDuration()), config.mainWorkload()));
        }
        return out;
    }

    public static List<LevelSpec> levels(BenchmarkConfig config) {
        List<LevelSpec> out = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            if (!config.phases().contains(phase)) {
                continue;
            }
            switch (phase) {
                case WARMUP -> out.add(closed(config, phase, "c=1", 1, 1, config.warmupWorkload(), false));
                // BASELINE has its own count (--baseline-requests); --requests sizes the other phases.
                case BASELINE -> out.add(new LevelSpec(phase, "c=1", new LoadModel.ClosedLoop(1),
                        bounds(config, config.intensity().scale(config.baselineRequests())), config.mainWorkload()));
                case SCALING -> addScaling(config, out);
                case STRESS -> addStress(config, out);
                case SATURATION -> {
                    for (int c : config.saturationLevels()) {
                        out.add(closed(config, phase, "c=" + c, c, defaultRequests(config, c),
                                config.saturationWorkload(), true));
                    }
                }
            }
        }
        return out;
    }

    private static void addScaling(BenchmarkConfig config, List<LevelSpec> out) {
        if (config.rates().isPresent()) {
            int i = 0;
            for (double rate : config.rates().get()) {
                LoadModel model = config.poissonArrivals()
                        ? new LoadModel.PoissonRate(rate, config.seed() + i++)
                        : new LoadModel.ConstantRate(rate);
                // An open-loop level is sized like a closed loop of about `rate` concurrent users.
                int requests = requests(config, defaultRequests(config, (int) Math.ceil(rate)), true);
                out.add(new LevelSpec(Phase.SCALING, model.label(), model, bounds(config, requests),
                        config.mainWorkload()));
            }
            return;
        }
        for (int c : config.scalingLevels()) {
            out.add(closed(config, Phase.SCALING, "c=" + c, c, defaultRequests(config, c), config.mainWorkload(), true));
        }
    }

    private static void addStress(BenchmarkConfig config, List<LevelSpec> out) {
        StressSettings s = config.stress();
        Workload main = config.mainWorkload();
        out.add(closed(config, Phase.STRESS, "long-output c=" + s.longOutputConcurrency(), s.longOutputConcurrency(),
                defaultRequests(config, s.longOutputConcurrency()), main.withOutputTokens(s.longOutputTokens()), true));
        for (int input : s.longContextInputTokens()) {
            out.add(closed(config, Phase.STRESS, "long-context-" + kilo(input) + " c=" + s.longContextConcurrency(),
                    s.longContextConcurrency(), defaultRequests(config, s.longContextConcurrency()),
                    main.withInputTokens(input), true));
        }
        if (main.images() > 0) {
            out.add(closed(config, Phase.STRESS, "multi-image x" + s.multiImageCount() + " c=" + s.multiImageConcurrency(),
                    s.multiImageConcurrency(), defaultRequests(config, s.multiImageConcurrency()),
                    main.withImages(s.multiImageCount()), true));
            out.add(closed(config, Phase.STRESS, "vision c=" + s.visionConcurrency(), s.visionConcurrency(),
                    defaultRequests(config, s.visionConcurrency()), main, true));
            out.add(closed(config, Phase.STRESS, "vision-sustained c=" + s.sustainedVisionConcurrency(),
                    s.sustainedVisionConcurrency(), s.sustainedVisionRequests(), main, true));
        }
    }

    private static String kilo(int tokens) {
        return tokens % 1000 == 0 ? (tokens / 1000) + "k" : Integer.toString(tokens);
    }

    private static int defaultRequests(BenchmarkConfig config, int concurrency) {
        return Math.max(config.minRequestsPerLevel(), config.requestsPerConcurrency() * concurrency);
    }

    private static LevelSpec closed(BenchmarkConfig config, Phase phase, String name, int concurrency,
                                    int defaultRequests, Workload workload, boolean overridable) {
        int requests = requests(config, defaultRequests, overridable);
        return new LevelSpec(phase, name, new LoadModel.ClosedLoop(concurrency), bounds(config, requests), workload);
    }

    private static int requests(BenchmarkConfig config, int defaultRequests, boolean overridable) {
        if (!overridable) {
            return defaultRequests;
        }
        return config.intensity().scale(config.requestsPerLevel().orElse(defaultRequests));
    }

    private static RunBounds bounds(BenchmarkConfig config, int requests) {
        Optional<Duration> limit = config.maxLevelDuration();
        return new RunBounds(Optional.of(requests), limit);
    }
}
