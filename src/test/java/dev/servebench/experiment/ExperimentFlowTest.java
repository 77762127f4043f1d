package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** Orchestration of repeat and ablation with a scripted runner: order, restarts, stopping rule, verdicts. */
class ExperimentFlowTest {
    private final List<String> events = new ArrayList<>();

    private TrialRunner scripted(double... throughputs) {
        Iterator<Double> next = java.util.Arrays.stream(throughputs).iterator();
        return trial -> {
            events.add("run " + trial.group() + "#" + trial.index());
            return SyntheticRuns.outcome(trial, SyntheticRuns.scaling(next.next()));
        };
    }

    private ServerPreparation recording() {
        return group -> events.add("prepare " + group);
    }

    /** Every run with the default benchmark, the server preparation recorded in the event list, no log. */
    private ExperimentSetup setup(TrialRunner runner) {
        return new ExperimentSetup(SyntheticRuns.TARGET, BenchmarkConfig.builder().build(), recording(), runner,
                s -> { });
    }

    @Test
    void repeatPreparesTheServerBeforeEveryRunAndSummarizesEachLevel() {
        RepeatResult r = new RepeatExperiment(setup(scripted(1021.4, 1003.9, 1035.2, 998.7, 1012.6)),
                new RepeatSettings(5, OptionalDouble.empty(), 5, LevelMetric.TOTAL_TOKENS_PER_S)).run();
        assertThat(events).containsExactly("prepare repeat", "run repeat#0", "prepare repeat", "run repeat#1",
                "prepare repeat", "run repeat#2", "prepare repeat", "run repeat#3", "prepare repeat", "run repeat#4");
        var stats = r.levels().getFirst().metric(LevelMetric.TOTAL_TOKENS_PER_S).orElseThrow();
        // Same sample as SampleStatisticsTest (scipy reference): the experiment passes values through untouched.
        assertThat(stats.mean()).isEqualTo(1014.36, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(stats.ciHalfWidth()).isEqualTo(18.010677630607148, org.assertj.core.api.Assertions.within(1e-8));
        assertThat(r.ciTargetMet()).isTrue();
    }

    @Test
    void untilCiAddsRunsUntilTheIntervalIsNarrowEnough() {
        // Relative 95 % CI half-widths: n=2 {990, 1010}: 12.7 % (t=12.706); n=3 +1000: 2.48 % (t=4.303);
        // n=4 +1000: 1.30 % (t=3.182) -> the 2 % target is first met with the fourth run.
        RepeatResult r = new RepeatExperiment(
                setup(scripted(990, 1010, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000)),
                new RepeatSettings(2, OptionalDouble.of(0.02), 10, LevelMetric.TOTAL_TOKENS_PER_S)).run();
        assertThat(r.outcomes()).hasSize(4);
        var stats = r.levels().getFirst().metric(LevelMetric.TOTAL_TOKENS_PER_S).orElseThrow();
        assertThat(stats.relativeCiHalfWidth()).isCloseTo(0.012990, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(r.ciTargetMet()).isTrue();
    }

    @Test
    void untilCiGivesUpAtTheCapAndSaysSo() {
        RepeatResult r = new RepeatExperiment(setup(scripted(500, 1500, 700, 1300)),
                new RepeatSettings(2, OptionalDouble.of(0.001), 4, LevelMetric.TOTAL_TOKENS_PER_S)).run();
        assertThat(r.outcomes()).hasSize(4);
        assertThat(r.ciTargetMet()).isFalse();
        assertThat(ExperimentTables.repeat(r)).contains("CI target NOT reached");
    }

    @Test
    void ablationInterleavesConditionsAndCallsAClearDifference() {
        AblationResult r = new AblationExperiment(setup(scripted(1000, 700, 1010, 690, 990, 705)),
                new AblationSettings(List.of("on", "off"), 3, List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05)).run();
        assertThat(events).containsExactly("prepare on", "run on#0", "prepare off", "run off#0", "prepare on",
                "run on#1", "prepare off", "run off#1", "prepare on", "run on#2", "prepare off", "run off#2");
        ConditionComparison c = r.levels().getFirst().comparisons().getFirst();
        assertThat(c.verdict()).isEqualTo(Verdict.SLOWER);
        assertThat(c.welch().differencePercent()).isCloseTo(-30.0, org.assertj.core.api.Assertions.within(0.5));
        assertThat(ExperimentTables.ablation(r)).contains("slower", "off vs on");
    }

    @Test
    void ablationDoesNotFlagOverlappingConditions() {
        AblationResult r = new AblationExperiment(setup(scripted(1000, 1005, 1020, 990, 980, 1010)),
                new AblationSettings(List.of("a", "b"), 3, List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05)).run();
        assertThat(r.levels().getFirst().comparisons().getFirst().verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void theAccuracyCheckRunsOncePerConditionOnAPreparedServerBeforeOrAfterTheSpeedRuns() {
        // "fast" is 30 % faster and answers 2 of 40 items wrong that "ref" answers right: faster by answering worse.
        AccuracyCheck check = condition -> {
            events.add("check " + condition);
            return List.of(answers(condition.equals("ref") ? 0 : 12));
        };
        AblationSettings settings = new AblationSettings(List.of("ref", "fast"), 3,
                List.of(LevelMetric.TOTAL_TOKENS_PER_S), 0.05);
        AblationResult after = new AblationExperiment(setup(scripted(700, 1000, 690, 1010, 705, 990)), settings,
                java.util.Optional.of(new AccuracyPlan(check, AccuracyPlan.When.AFTER))).run();
        assertThat(events.subList(12, events.size())).containsExactly("prepare ref", "check ref", "prepare fast",
                "check fast");
        var comparison = after.accuracy().orElseThrow().comparisons().getFirst();
        assertThat(comparison.verdict()).isEqualTo(dev.servebench.eval.AccuracyVerdict.REGRESSION);
        assertThat(comparison.onlyReferenceRight()).isEqualTo(12);
        assertThat(comparison.onlyCandidateRight()).isZero();
        assertThat(ExperimentTables.ablation(after)).contains("Accuracy: fast vs ref",
                "Verdict, fast vs ref: speed faster on 1 of 1 level/metric rows; accuracy t ACCURACY REGRESSION",
                "faster by answering worse: not a free win", "ACCURACY REGRESSION: fast answers t worse than ref");

        events.clear();
        new AblationExperiment(setup(scripted(700, 1000, 690, 1010, 705, 990)), settings,
                java.util.Optional.of(new AccuracyPlan(check, AccuracyPlan.When.BEFORE))).run();
        assertThat(events.subList(0, 4)).containsExactly("prepare ref", "check ref", "prepare fast", "check fast");
        assertThat(events).hasSize(16);
    }

    /** A 40-item task whose first {@code wrong} items are answered wrong. */
    private static dev.servebench.eval.TaskResult answers(int wrong) {
        List<dev.servebench.eval.EvalItem> items = new ArrayList<>();
        List<dev.servebench.eval.ItemResult> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var item = new dev.servebench.eval.EvalItem("q" + i, "question " + i, "1", java.util.Optional.empty());
            items.add(item);
            results.add(new dev.servebench.eval.ItemResult(item, "", new dev.servebench.eval.Grade(i >= wrong, ""),
                    java.util.Optional.empty()));
        }
        var task = new dev.servebench.eval.EvalTask("t", java.nio.file.Path.of("t.jsonl"),
                dev.servebench.eval.TaskFormat.GSM8K, items);
        return new dev.servebench.eval.TaskResult(task, results);
    }

    @Test
    void lowerLatencyCountsAsFaster() {
        var w = dev.servebench.stats.WelchComparison.of(new double[] {2.0, 2.1, 1.9}, new double[] {1.0, 1.1, 0.9});
        assertThat(Verdict.of(w, LevelMetric.LATENCY_P99_S.higherIsBetter(), 0.05)).isEqualTo(Verdict.FASTER);
        assertThat(Verdict.of(w, LevelMetric.TOTAL_TOKENS_PER_S.higherIsBetter(), 0.05)).isEqualTo(Verdict.SLOWER);
    }
}
