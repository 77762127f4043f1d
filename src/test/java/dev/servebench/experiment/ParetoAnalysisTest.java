package dev.servebench.experiment;

import dev.servebench.bench.Slo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoAnalysisTest {
    private static final Slo TTFT_2S = Slo.parse("ttft=2s");

    private static ParetoPoint p(String config, String level, double tpsPerGpu, double ttftMs) {
        return new ParetoPoint(config, level, Integer.parseInt(level.substring(2)), tpsPerGpu, ttftMs, 20, 5,
                ParetoAnalysis.meets(TTFT_2S, ttftMs, 20, 5));
    }

    @Test
    void frontierKeepsOnlyUndominatedPointsByLatency() {
        List<ParetoPoint> points = List.of(
                p("tp8", "c=50", 1000, 300),
                p("tp8", "c=300", 2500, 1900),
                p("tp4", "c=50", 1200, 400),
                p("tp4", "c=300", 2000, 1950), // dominated by tp8 c=300: less throughput, more latency
                p("dp2", "c=50", 900, 350));   // dominated by tp8 c=50
        List<ParetoPoint> frontier = ParetoAnalysis.frontier(points, LatencyAxis.TTFT_P99_MS);
        assertThat(frontier).extracting(x -> x.configuration() + " " + x.level())
                .containsExactly("tp8 c=50", "tp4 c=50", "tp8 c=300");
    }

    @Test
    void aPointThatFailsTheSloOrTheSuccessRateIsNoTradeOffOnAnyFrontier() {
        ParetoPoint fast = p("tp8", "c=50", 1000, 300);
        // The most throughput of all, but a TTFT p99 of 249 s: it must not lead the TPOT frontier.
        ParetoPoint failing = new ParetoPoint("1P7D", "c=512", 512, 5000, 249_000, 10, 300, false);
        for (LatencyAxis axis : List.of(LatencyAxis.TTFT_P99_MS, LatencyAxis.TPOT_P99_MS, LatencyAxis.E2E_P99_S)) {
            assertThat(ParetoAnalysis.frontier(List.of(fast, failing), axis)).containsExactly(fast);
        }
    }

    @Test
    void anItlBoundJudgesEveryGapWhereTpotAveragesTheStallsAway() {
        Slo itl = Slo.parse("ttft=2s,itl=50ms");
        // TPOT p99 16 ms, but one gap in a hundred is a 98 ms prefill stall.
        assertThat(ParetoAnalysis.meets(itl, 500, 16, 97.7, 10)).isFalse();
        assertThat(ParetoAnalysis.meets(itl, 500, 16, 10.6, 10)).isTrue();
        assertThat(ParetoAnalysis.meets(itl, 500, 16, Double.NaN, 10)).isFalse();
        assertThat(ParetoAnalysis.meets(Slo.parse("ttft=2s"), 500, 16, Double.NaN, 10)).isTrue();
    }

    @Test
    void bestConfigurationIsChosenPerLoadLevelNotOverall() {
        List<ParetoPoint> points = List.of(
                p("tp8", "c=50", 1000, 300),
                p("tp4", "c=50", 1200, 400),
                p("tp8", "c=300", 2500, 1800),
                p("tp4", "c=300", 2700, 2600)); // more throughput but misses the 2 s TTFT SLO
        List<LevelChoice> best = ParetoAnalysis.bestPerLevel(points);
        assertThat(best).extracting(LevelChoice::level).containsExactly("c=50", "c=300");
        assertThat(best.get(0).best()).map(ParetoPoint::configuration).hasValue("tp4");
        assertThat(best.get(0).meeting()).containsExactly("tp4", "tp8");
        assertThat(best.get(1).best()).map(ParetoPoint::configuration).hasValue("tp8");
        assertThat(best.get(1).meeting()).containsExactly("tp8");
    }

    @Test
    void aLevelWhereNothingMeetsTheSloSaysSo() {
        List<LevelChoice> best = ParetoAnalysis.bestPerLevel(List.of(p("tp8", "c=900", 3000, 9000)));
        assertThat(best.getFirst().best()).isEmpty();
        assertThat(ExperimentTables.pareto(new ParetoResult("ttft≤2s", List.of(), List.of(p("tp8", "c=900", 3000, 9000)),
                java.util.Map.of(), best))).contains("none meets the SLO");
    }

    @Test
    void sloBoundsAreInclusiveAndUnsetBoundsPass() {
        assertThat(ParetoAnalysis.meets(TTFT_2S, 2000, 999, 999)).isTrue();
        assertThat(ParetoAnalysis.meets(TTFT_2S, 2000.001, 0, 0)).isFalse();
        assertThat(ParetoAnalysis.meets(Slo.NONE, Double.NaN, Double.NaN, Double.NaN)).isTrue();
        assertThat(ParetoAnalysis.meets(Slo.parse("tpot=50ms"), 0, Double.NaN, 0)).isFalse();
    }
}
