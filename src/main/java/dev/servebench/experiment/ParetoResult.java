package dev.servebench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every measured point, the frontier per latency axis, and, given an SLO, the best configuration per level. */
public record ParetoResult(String slo, @JsonIgnore List<TrialOutcome> outcomes, List<ParetoPoint> points,
                           Map<LatencyAxis, List<ParetoPoint>> frontiers, List<LevelChoice> bestPerLevel) {
    public ParetoResult {
        outcomes = List.copyOf(outcomes);
        points = List.copyOf(points);
        frontiers = Map.copyOf(frontiers);
        bestPerLevel = List.copyOf(bestPerLevel);
    }

    @JsonProperty("run_ids")
    public List<String> runIds() {
        return outcomes.stream().map(TrialOutcome::runId).flatMap(Optional::stream).toList();
    }
}
