package dev.servebench.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Drawn seeds differ per run; trial seeds are a function of the experiment's seed, the stream and the index. */
class RunSeedsTest {
    @Test
    void drawnSeedsAreNewPositiveAndShort() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long s = RunSeeds.draw();
            assertThat(s).isBetween(1L, RunSeeds.BOUND - 1);
            seen.add(s);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void trialSeedsReplayAndDifferByStreamAndIndex() {
        assertThat(RunSeeds.forTrial(42, "repeat", 0)).isEqualTo(RunSeeds.forTrial(42, "repeat", 0));
        Set<Long> seen = new HashSet<>();
        for (String stream : new String[]{"repeat", "a", "b"}) {
            for (int i = 0; i < 100; i++) {
                long s = RunSeeds.forTrial(42, stream, i);
                assertThat(s).isBetween(1L, RunSeeds.BOUND - 1);
                seen.add(s);
            }
        }
        assertThat(seen).hasSize(300);
        assertThat(RunSeeds.forTrial(43, "repeat", 0)).isNotEqualTo(RunSeeds.forTrial(42, "repeat", 0));
    }

    @Test
    void theFlagGivesTheSeedOtherwiseEachBuildDrawsOne() {
        BenchmarkConfig given = BenchmarkConfig.builder().seed(5).drawSeedUnlessGiven().build();
        assertThat(given.seed()).isEqualTo(5);
        assertThat(given.seedOrigin()).isEqualTo(SeedOrigin.GIVEN);
        BenchmarkConfig a = BenchmarkConfig.builder().drawSeedUnlessGiven().build();
        BenchmarkConfig b = BenchmarkConfig.builder().drawSeedUnlessGiven().build();
        assertThat(a.seedOrigin()).isEqualTo(SeedOrigin.DRAWN);
        assertThat(a.seed()).isNotEqualTo(b.seed());
        // Nothing said: the fixed default, for runs against a server started for them alone.
        assertThat(BenchmarkConfig.builder().build().seedOrigin()).isEqualTo(SeedOrigin.FIXED);
        assertThat(BenchmarkConfig.builder().build().seed()).isEqualTo(BenchmarkConfig.FIXED_SEED);
    }
}
