package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/** Every measured point, the frontier per latency axis, and, given an SLO, the best configuration per level. */
public record ParetoResult(String slo, @JsonIgnore List<TrialOutcome> outcomes, List<ParetoPoint> points,
                           Map<LatencyAxis, List<ParetoPoint>> frontiers, List<LevelChoice> bestPerLevel) implements ExperimentTrials {
    public ParetoResult {
        outcomes = List.copyOf(outcomes);
        points = List.copyOf(points);
        frontiers = Map.copyOf(frontiers);
        bestPerLevel = List.copyOf(bestPerLevel);
    }

}
