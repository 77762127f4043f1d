package dev.servebench.experiment;

import dev.servebench.stats.SampleStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * n independent runs of one workload: before each, the server is prepared (restarted and awaited)
 * so runs do not share warm caches; then statistics per level. With a CI target, runs are added
 * one at a time until every level's interval is narrow enough or the cap is reached.
 */
public final class RepeatExperiment {
    public static final String GROUP = "repeat";

    private final ExperimentSetup setup;
    private final RepeatSettings settings;

    public RepeatExperiment(ExperimentSetup setup, RepeatSettings settings) {
        this.setup = setup;
        this.settings = settings;
    }

    public RepeatResult run() {
        List<TrialOutcome> outcomes = new ArrayList<>();
        LevelSamples samples = new LevelSamples();
        while (outcomes.size() < settings.runs() || needsMoreRuns(samples) && outcomes.size() < settings.maxRuns()) {
            int index = outcomes.size();
            Trial trial = Trial.seeded(setup.target(), GROUP, index, setup.config(), GROUP);
            setup.log().accept("run " + (index + 1) + (settings.untilCiRelative().isPresent() ? " (up to "
                    + settings.maxRuns() + ")" : " of " + settings.runs()) + ", seed " + trial.seed());
            setup.preparation().prepare(GROUP);
            TrialOutcome outcome = setup.runner().run(trial);
            outcomes.add(outcome);
            samples.add(outcome.result());
        }
        return new RepeatResult(outcomes, samples.statistics(), !needsMoreRuns(samples));
    }

    private boolean needsMoreRuns(LevelSamples samples) {
        if (settings.untilCiRelative().isEmpty()) {
            return false;
        }
        double target = settings.untilCiRelative().getAsDouble();
        for (String level : samples.levels()) {
            double[] values = samples.values(level, settings.ciMetric());
            if (values.length < 2) {
                return true;
            }
            double relative = SampleStatistics.of(values).relativeCiHalfWidth();
            // A NaN width (zero mean) can never shrink below the target: do not chase it.
            if (relative > target) {
                return true;
            }
        }
        return false;
    }
}
