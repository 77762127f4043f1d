package dev.servebench.experiment;

import dev.servebench.bench.LevelMetric;
import dev.servebench.stats.SampleStatistics;
import dev.servebench.stats.Verdict;
import dev.servebench.stats.WelchComparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same workload under each condition, n times, interleaved (A B A B …) so slow drift of the
 * machine (thermals, other tenants) lands on every condition alike instead of on whichever ran
 * last. Each condition is compared with the first by Welch's t-test per level and metric.
 */
public final class AblationExperiment {
    private final ExperimentSetup setup;
    private final AblationSettings settings;

    public AblationExperiment(ExperimentSetup setup, AblationSettings settings) {
        this.setup = setup;
        this.settings = settings;
    }

    public AblationResult run() {
        List<TrialOutcome> outcomes = new ArrayList<>();
        Map<String, LevelSamples> samples = new LinkedHashMap<>();
        settings.conditions().forEach(c -> samples.put(c, new LevelSamples()));
        int total = settings.runsPerCondition() * settings.conditions().size();
        for (int i = 0; i < settings.runsPerCondition(); i++) {
            for (String condition : settings.conditions()) {
                setup.log().accept("run " + (outcomes.size() + 1) + " of " + total + ": condition " + condition);
                setup.preparation().prepare(condition);
                TrialOutcome outcome = setup.runner().run(new Trial(setup.target(), condition, i, setup.config()));
                outcomes.add(outcome);
                samples.get(condition).add(outcome.result());
            }
        }
        return new AblationResult(settings.conditions(), settings.alpha(), outcomes, analyze(samples));
    }

    /** Per level (in the reference's order) and metric: statistics per condition and Welch against the reference. */
    List<AblationLevel> analyze(Map<String, LevelSamples> samples) {
        String reference = settings.conditions().getFirst();
        List<AblationLevel> levels = new ArrayList<>();
        for (String level : samples.get(reference).levels()) {
            for (LevelMetric metric : settings.metrics()) {
                double[] ref = samples.get(reference).values(level, metric);
                if (ref.length == 0) {
                    continue;
                }
                List<SampleStatistics> perCondition = new ArrayList<>();
                List<ConditionComparison> comparisons = new ArrayList<>();
                boolean complete = true;
                for (String condition : settings.conditions()) {
                    double[] values = samples.get(condition).values(level, metric);
                    if (values.length == 0) {
                        complete = false;
                        break;
                    }
                    perCondition.add(SampleStatistics.of(values));
                    if (!condition.equals(reference)) {
                        WelchComparison welch = WelchComparison.of(ref, values);
                        comparisons.add(new ConditionComparison(condition, reference, welch,
                                Verdict.of(welch, metric.higherIsBetter(), settings.alpha())));
                    }
                }
                if (complete) {
                    levels.add(new AblationLevel(level, metric, perCondition, comparisons));
                }
            }
        }
        return levels;
    }
}
