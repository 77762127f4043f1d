package dev.servebench.distributed;

import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LevelSharesTest {
    private static final Workload W = new Workload(32, 16, 0);

    private static LevelSpec level(LoadModel load, RunBounds bounds) {
        return new LevelSpec(Phase.SCALING, "l", load, bounds, W);
    }

    /** The level's request numbers each part sends, all parts together. */
    private static List<Integer> indexes(List<LevelShares.Part> parts) {
        List<Integer> all = new ArrayList<>();
        for (LevelShares.Part p : parts) {
            for (int i = 0; i < p.bounds().maxRequests().orElseThrow(); i++) {
                all.add(p.firstIndex() + i * p.indexStride());
            }
        }
        return all.stream().sorted().toList();
    }

    @Test
    void closedLoopSplitsConcurrencyEvenlyAndRequestsInProportionCoveringEachRequestOnce() {
        List<LevelShares.Part> parts = LevelShares.split(level(new LoadModel.ClosedLoop(10), RunBounds.requests(25)), 4);
        assertThat(parts).extracting(p -> ((LoadModel.ClosedLoop) p.load()).concurrency()).containsExactly(3, 3, 2, 2);
        assertThat(parts).extracting(p -> p.bounds().maxRequests().orElseThrow()).containsExactly(8, 7, 5, 5);
        assertThat(indexes(parts)).isEqualTo(IntStream.range(0, 25).boxed().toList());
    }

    @Test
    void fewerUsersThanWorkersLeavesTheRestIdle() {
        List<LevelShares.Part> parts = LevelShares.split(level(new LoadModel.ClosedLoop(1), RunBounds.requests(10)), 4);
        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst().bounds().maxRequests()).contains(10);
        assertThat(LevelShares.split(level(new LoadModel.ClosedLoop(8), RunBounds.requests(3)), 4))
                .extracting(p -> p.bounds().maxRequests().orElseThrow()).containsExactly(1, 1, 1);
    }

    @Test
    void aDurationBoundGoesToEveryWorkerAndRequestNumbersInterleave() {
        List<LevelShares.Part> parts = LevelShares.split(
                level(new LoadModel.ClosedLoop(8), RunBounds.duration(Duration.ofSeconds(30))), 4);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.bounds().maxDuration()).contains(Duration.ofSeconds(30));
            assertThat(p.indexStride()).isEqualTo(4);
        });
        assertThat(parts).extracting(LevelShares.Part::firstIndex).containsExactly(0, 1, 2, 3);
    }

    @Test
    void constantRateIsSplitAndStaggeredSoTheUnionIsEvenlySpaced() {
        List<LevelShares.Part> parts = LevelShares.split(level(new LoadModel.ConstantRate(8), RunBounds.requests(10)), 4);
        assertThat(parts).extracting(p -> ((LoadModel.ConstantRate) p.load()).requestsPerSecond())
                .containsOnly(2.0);
        assertThat(parts).extracting(LevelShares.Part::startDelayNanos)
                .containsExactly(0L, 125_000_000L, 250_000_000L, 375_000_000L);
        assertThat(indexes(parts)).isEqualTo(IntStream.range(0, 10).boxed().toList());
    }

    @Test
    void poissonWorkersGetTheirOwnSeedsAndATenthOfTheRate() {
        List<LevelShares.Part> parts = LevelShares.split(level(new LoadModel.PoissonRate(10, 42), RunBounds.requests(100)), 10);
        assertThat(parts).extracting(p -> ((LoadModel.PoissonRate) p.load()).seed()).doesNotHaveDuplicates();
        assertThat(parts).extracting(p -> ((LoadModel.PoissonRate) p.load()).requestsPerSecond()).containsOnly(1.0);
        assertThat(indexes(parts)).isEqualTo(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void aTraceIsDealtOutArrivalByArrivalAtItsRecordedTimes() {
        long[] offsets = {0, 10, 20, 30, 40};
        List<LevelShares.Part> parts = LevelShares.split(level(new LoadModel.Replay(offsets, 1), RunBounds.requests(5)), 2);
        assertThat(((LoadModel.Replay) parts.get(0).load()).offsetsNanos()).containsExactly(0, 20, 40);
        assertThat(((LoadModel.Replay) parts.get(1).load()).offsetsNanos()).containsExactly(10, 30);
        assertThat(indexes(parts)).containsExactly(0, 1, 2, 3, 4);
    }
}
