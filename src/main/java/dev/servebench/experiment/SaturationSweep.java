package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.Phase;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * SPEC's optional fine sweep (e.g. 500 to 1,000 in steps of 50, 3 runs per level, 200 requests per
 * run): each run is one pass over every level of the SATURATION phase; runs are repeated passes, so
 * a level's runs are spread over the experiment instead of back to back.
 */
public final class SaturationSweep {
    public static final String GROUP = "sweep";

    private final TargetSpec target;
    private final BenchmarkConfig config;
    private final SaturationSettings settings;
    private final ServerPreparation preparation;
    private final TrialRunner runner;
    private final Consumer<String> log;

    /** {@code base} supplies the workload (token lengths, prompts); levels and request counts come from the settings. */
    public SaturationSweep(TargetSpec target, BenchmarkConfig base, SaturationSettings settings,
                           ServerPreparation preparation, TrialRunner runner, Consumer<String> log) {
        this.target = target;
        this.config = base.toBuilder().phases(EnumSet.of(Phase.SATURATION)).saturationLevels(settings.levels())
                .requestsPerLevel(settings.requestsPerRun()).build();
        this.settings = settings;
        this.preparation = preparation;
        this.runner = runner;
        this.log = log;
    }

    public BenchmarkConfig config() {
        return config;
    }

    public SaturationResult run() {
        List<TrialOutcome> outcomes = new ArrayList<>();
        LevelSamples samples = new LevelSamples();
        for (int i = 0; i < settings.runs(); i++) {
            Trial trial = Trial.seeded(target, GROUP, i, config, GROUP);
            log.accept("pass " + (i + 1) + " of " + settings.runs() + " over " + settings.levels().size() + " levels, "
                    + "seed " + trial.seed());
            preparation.prepare(GROUP);
            TrialOutcome outcome = runner.run(trial);
            outcomes.add(outcome);
            samples.add(outcome.result());
        }
        List<LevelStatistics> levels = samples.statistics();
        List<SaturationAnalysis.Point> points = levels.stream()
                .filter(l -> l.metric(LevelMetric.TOTAL_TOKENS_PER_S).isPresent())
                .map(l -> new SaturationAnalysis.Point(l.concurrency(),
                        l.metric(LevelMetric.TOTAL_TOKENS_PER_S).orElseThrow().mean()))
                .toList();
        if (points.isEmpty()) {
            throw new ExperimentException("no level had a valid request; is the server answering? (see the runs' "
                    + "requests.jsonl)");
        }
        return new SaturationResult(outcomes, levels,
                SaturationAnalysis.of(points, settings.tolerance(), settings.cliffThreshold()));
    }
}
