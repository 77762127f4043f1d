package dev.servebench.bench;

import dev.servebench.load.LoadModel;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkPlanTest {

    private static List<String> names(List<LevelSpec> levels) {
        return levels.stream().map(l -> l.phase() + " " + l.name()).toList();
    }

    private static int requests(LevelSpec l) {
        return l.bounds().maxRequests().orElseThrow();
    }

    @Test
    void defaultPlanHasTheSpecsPhasesLevelsAndWorkloads() {
        List<LevelSpec> plan = BenchmarkPlan.levels(BenchmarkConfig.builder().build());
        assertThat(names(plan)).containsExactly("WARMUP c=1", "BASELINE c=1",
                "SCALING c=5", "SCALING c=10", "SCALING c=25", "SCALING c=50", "SCALING c=100", "SCALING c=150",
                "SCALING c=200", "STRESS long-output c=50", "STRESS long-context-4k c=25",
                "STRESS long-context-8k c=25", "SATURATION c=150", "SATURATION c=200", "SATURATION c=300",
                "SATURATION c=500", "SATURATION c=750", "SATURATION c=1000");
        assertThat(plan.get(0).workload()).isEqualTo(new Workload(100, 50, 0));
        assertThat(requests(plan.get(0))).isEqualTo(1);
        assertThat(plan.get(1).workload()).isEqualTo(new Workload(500, 200, 0));
        assertThat(requests(plan.get(1))).isEqualTo(10);
        assertThat(requests(plan.get(2))).isEqualTo(20);
        assertThat(requests(plan.get(8))).isEqualTo(400);
        assertThat(plan.get(9).workload().outputTokens()).isEqualTo(500);
        assertThat(plan.get(11).workload().inputTokens()).isEqualTo(8000);
        assertThat(plan.get(17).workload()).isEqualTo(new Workload(500, 100, 0));
        assertThat(requests(plan.get(17))).isEqualTo(2000);
    }

    @Test
    void requestsFlagSizesEveryLevelButWarmupAndBaseline() {
        List<LevelSpec> plan = BenchmarkPlan.levels(BenchmarkConfig.builder().requestsPerLevel(7)
                .baselineRequests(3).build());
        assertThat(requests(plan.get(0))).isEqualTo(1);
        assertThat(requests(plan.get(1))).isEqualTo(3);
        assertThat(plan.subList(2, plan.size())).allMatch(l -> requests(l) == 7);
    }

    @Test
    void intensityScalesRequestCounts() {
        BenchmarkConfig.Builder b = BenchmarkConfig.builder().phases(EnumSet.of(Phase.WARMUP, Phase.BASELINE,
                Phase.SCALING)).scalingLevels(List.of(50));
        assertThat(BenchmarkPlan.levels(b.intensity(Intensity.QUICK).build()).stream().map(BenchmarkPlanTest::requests))
                .containsExactly(1, 5, 50);
        assertThat(BenchmarkPlan.levels(b.intensity(Intensity.THOROUGH).build()).stream().map(BenchmarkPlanTest::requests))
                .containsExactly(1, 30, 300);
    }

    @Test
    void visionStressCasesOnlyWithImages() {
        BenchmarkConfig.Builder b = BenchmarkConfig.builder().phases(EnumSet.of(Phase.STRESS));
        assertThat(names(BenchmarkPlan.levels(b.build()))).noneMatch(n -> n.contains("vision") || n.contains("image"));
        List<LevelSpec> vision = BenchmarkPlan.levels(b.mainWorkload(new Workload(100, 200, 1)).build());
        assertThat(names(vision)).contains("STRESS multi-image x4 c=10", "STRESS vision c=100",
                "STRESS vision-sustained c=50");
        LevelSpec sustained = vision.get(vision.size() - 1);
        assertThat(requests(sustained)).isEqualTo(450);
        assertThat(vision.get(vision.size() - 3).workload().images()).isEqualTo(4);
    }

    @Test
    void ratesMakeScalingOpenLoop() {
        List<LevelSpec> plan = BenchmarkPlan.levels(BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                .rates(List.of(2.0, 5.0)).seed(9).build());
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).load()).isEqualTo(new LoadModel.PoissonRate(2.0, 9));
        assertThat(plan.get(1).load()).isEqualTo(new LoadModel.PoissonRate(5.0, 10));
        assertThat(plan.get(0).concurrency()).isZero();
        List<LevelSpec> constant = BenchmarkPlan.levels(BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                .rates(List.of(3.0)).poissonArrivals(false).build());
        assertThat(constant.get(0).load()).isEqualTo(new LoadModel.ConstantRate(3.0));
    }
}
