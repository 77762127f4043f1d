package dev.servebench.run;

import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoAnalysis;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.experiment.ParetoResult;
import dev.servebench.report.ParetoInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoReportInputTest {
    @Test
    void theReportGetsTheSweepsOwnFrontierOnTheChosenAxis() {
        List<ParetoPoint> points = List.of(
                new ParetoPoint("a", "c=1", 1, 100, 50, 10, 1, true),
                new ParetoPoint("b", "c=1", 1, 80, 60, 10, 1, true),    // dominated by a c=1
                new ParetoPoint("a", "c=8", 8, 300, 200, 10, 1, true),
                new ParetoPoint("b", "c=8", 8, 250, 120, 10, 1, true),
                new ParetoPoint("c", "c=8", 8, 290, 400, 10, 1, true)); // dominated by a c=8
        LatencyAxis axis = LatencyAxis.TTFT_P99_MS;
        ParetoResult result = new ParetoResult("none", List.of(), points,
                Map.of(axis, ParetoAnalysis.frontier(points, axis)), List.of());

        ParetoInput in = ExperimentSession.paretoInput(result, axis);

        assertThat(in.points()).hasSize(5);
        assertThat(in.frontier()).extracting(p -> p.configuration() + " " + p.load())
                .containsExactly("a c=1", "b c=8", "a c=8");
        assertThat(in.latencyMetric()).isEqualTo("TTFT p99 ms");
    }
}
