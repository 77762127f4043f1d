package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.SeedOrigin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each trial of an experiment sends prompts of its own (a server's prefix cache keeps what earlier trials sent),
 * derived from the experiment's seed so the experiment replays; an ablation pairs its conditions' prompts only when
 * every condition starts a fresh server.
 */
class TrialSeedsTest {
    private final List<Trial> trials = new ArrayList<>();

    private TrialRunner recording() {
        return trial -> {
            trials.add(trial);
            return SyntheticRuns.outcome(trial, SyntheticRuns.scaling(1000 + trials.size()));
        };
    }

    private ExperimentSetup setup(BenchmarkConfig config, ServerPreparation preparation) {
        return new ExperimentSetup(SyntheticRuns.TARGET, config, preparation, recording(), s -> { });
    }

    private static BenchmarkConfig seeded(long seed) {
        return BenchmarkConfig.builder().seed(seed).build();
    }

    @Test
    void repeatTrialsGetDistinctSeedsThatTheExperimentsSeedReplays() {
        RepeatResult r = new RepeatExperiment(setup(seeded(7), ServerPreparation.NONE),
                new RepeatSettings(3, OptionalDouble.empty(), 3, LevelMetric.TOTAL_TOKENS_PER_S)).run();
        List<Long> seeds = trials.stream().map(Trial::seed).toList();
        assertThat(seeds).hasSize(3).doesNotHaveDuplicates().doesNotContain(7L);
        assertThat(trials).allSatisfy(t -> assertThat(t.config().seedOrigin()).isEqualTo(SeedOrigin.TRIAL));
        // The analysis keeps them, and the printed tables name them.
        assertThat(r.trials()).extracting(TrialSeed::seed).containsExactlyElementsOf(seeds);
        String printed = ExperimentTables.repeat(r);
        seeds.forEach(s -> assertThat(printed).contains(Long.toString(s)));

        trials.clear();
        new RepeatExperiment(setup(seeded(7), ServerPreparation.NONE),
                new RepeatSettings(3, OptionalDouble.empty(), 3, LevelMetric.TOTAL_TOKENS_PER_S)).run();
        assertThat(trials.stream().map(Trial::seed).toList()).isEqualTo(seeds);
        trials.clear();
        new RepeatExperiment(setup(seeded(8), ServerPreparation.NONE),
                new RepeatSettings(3, OptionalDouble.empty(), 3, LevelMetric.TOTAL_TOKENS_PER_S)).run();
        assertThat(trials.stream().map(Trial::seed).toList()).doesNotContainAnyElementsOf(seeds);
    }

    @Test
    void ablationPairsPromptsByIndexOnlyWhenEveryConditionStartsAFreshServer() {
        ServerPreparation fresh = new ServerPreparation() {
            @Override
            public void prepare(String group) {
            }

            @Override
            public boolean startsFreshServer(String group) {
                return true;
            }
        };
        AblationSettings settings = new AblationSettings(List.of("a", "b"), 2, List.of(LevelMetric.TOTAL_TOKENS_PER_S),
                0.05);
        AblationResult paired = new AblationExperiment(setup(seeded(3), fresh), settings).run();
        assertThat(paired.pairedPrompts()).isTrue();
        // a#0 b#0 a#1 b#1: the same prompts within an index, new ones for the next.
        assertThat(trials.get(0).seed()).isEqualTo(trials.get(1).seed());
        assertThat(trials.get(2).seed()).isEqualTo(trials.get(3).seed()).isNotEqualTo(trials.get(0).seed());
        assertThat(ExperimentTables.ablation(paired)).contains("send the same prompts (paired)");

        trials.clear();
        AblationResult unpaired = new AblationExperiment(setup(seeded(3), ServerPreparation.NONE), settings).run();
        assertThat(unpaired.pairedPrompts()).isFalse();
        assertThat(trials.stream().map(Trial::seed).toList()).hasSize(4).doesNotHaveDuplicates();
        assertThat(ExperimentTables.ablation(unpaired)).contains("every run sends prompts of its own");
    }

    @Test
    void aRestartCommandOrAConditionsCommandCountsAsAFreshServerNothingElseDoes() {
        var restart = new CommandPreparation(java.util.Map.of(), java.util.Optional.of(
                new ShellCommand("true", java.time.Duration.ofSeconds(5))), java.util.Optional.empty(),
                java.nio.file.Path.of("unused.log"));
        var conditions = new CommandPreparation(java.util.Map.of("on", new ShellCommand("true",
                java.time.Duration.ofSeconds(5))), java.util.Optional.empty(), java.util.Optional.empty(),
                java.nio.file.Path.of("unused.log"));
        assertThat(restart.startsFreshServer("repeat")).isTrue();
        assertThat(conditions.startsFreshServer("on")).isTrue();
        assertThat(conditions.startsFreshServer("off")).isFalse();
        assertThat(ServerPreparation.NONE.startsFreshServer("x")).isFalse();
        assertThat(ServerPreparation.NONE.then(conditions).startsFreshServer("on")).isTrue();
    }
}
