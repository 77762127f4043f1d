package dev.servebench.experiment;

import dev.servebench.bench.LevelMetric;
import dev.servebench.eval.TaskResult;
import dev.servebench.stats.SampleStatistics;
import dev.servebench.stats.Verdict;
import dev.servebench.stats.WelchComparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The same workload under each condition, n times, interleaved (A B A B …) so slow drift of the
 * machine (thermals, other tenants) lands on every condition alike instead of on whichever ran
 * last. Each condition is compared with the first by Welch's t-test per level and metric. With an
 * accuracy check, each condition's server also answers the check's questions once (on a fresh start,
 * before or after the speed runs), so a faster condition that answers worse is named as such.
 */
public final class AblationExperiment {
    /** The seed stream every condition's trial i shares when the conditions' prompts are paired. */
    private static final String PAIRED = "paired";

    private final ExperimentSetup setup;
    private final AblationSettings settings;
    private final Optional<AccuracyPlan> accuracy;

    public AblationExperiment(ExperimentSetup setup, AblationSettings settings) {
        this(setup, settings, Optional.empty());
    }

    public AblationExperiment(ExperimentSetup setup, AblationSettings settings, Optional<AccuracyPlan> accuracy) {
        this.setup = setup;
        this.settings = settings;
        this.accuracy = accuracy;
    }

    public AblationResult run() {
        Map<String, List<TaskResult>> answers = new LinkedHashMap<>();
        if (accuracy.isPresent() && accuracy.get().when() == AccuracyPlan.When.BEFORE) {
            checkAccuracy(accuracy.get().check(), answers);
        }
        List<TrialOutcome> outcomes = new ArrayList<>();
        Map<String, LevelSamples> samples = new LinkedHashMap<>();
        settings.conditions().forEach(c -> samples.put(c, new LevelSamples()));
        int total = settings.runsPerCondition() * settings.conditions().size();
        // Pairs share prompts only when no server can have them cached: each condition starts afresh every run.
        boolean paired = settings.conditions().stream().allMatch(c -> setup.preparation().startsFreshServer(c));
        for (int i = 0; i < settings.runsPerCondition(); i++) {
            for (String condition : settings.conditions()) {
                Trial trial = Trial.seeded(setup.target(), condition, i, setup.config(), paired ? PAIRED : condition);
                setup.log().accept("run " + (outcomes.size() + 1) + " of " + total + ": condition " + condition
                        + ", seed " + trial.seed());
                setup.preparation().prepare(condition);
                TrialOutcome outcome = setup.runner().run(trial);
                outcomes.add(outcome);
                samples.get(condition).add(outcome.result());
            }
        }
        if (accuracy.isPresent() && accuracy.get().when() == AccuracyPlan.When.AFTER) {
            checkAccuracy(accuracy.get().check(), answers);
        }
        return new AblationResult(settings.conditions(), settings.alpha(), paired, outcomes, analyze(samples),
                accuracy.map(a -> AblationAccuracy.of(settings.conditions(), answers, settings.alpha())));
    }

    private void checkAccuracy(AccuracyCheck check, Map<String, List<TaskResult>> answers) {
        for (String condition : settings.conditions()) {
            setup.log().accept("accuracy check: condition " + condition);
            setup.preparation().prepare(condition);
            answers.put(condition, check.run(condition));
        }
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
