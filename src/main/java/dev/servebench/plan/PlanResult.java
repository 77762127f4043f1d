package dev.servebench.plan;

import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoPoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every prediction of a plan, the Pareto frontiers of throughput per GPU against each latency, and the decision
 * per concurrency: the best shape meeting the SLO and the runner-up.
 *
 * @param skipped shapes that could not be predicted, with the reason (a one-line message each)
 */
public record PlanResult(List<ShapePrediction> predictions, Map<LatencyAxis, List<ParetoPoint>> frontiers,
                         List<Decision> decisions, List<String> skipped, double seconds) {
    public PlanResult {
        predictions = List.copyOf(predictions);
        frontiers = Map.copyOf(frontiers);
        decisions = List.copyOf(decisions);
        skipped = List.copyOf(skipped);
    }

    /** One row of the decision table. */
    public record Decision(int concurrency, String slo, Optional<ShapePrediction> best,
                           Optional<ShapePrediction> runnerUp, int shapesMeetingSlo) {
    }
}
