package dev.servebench.experiment;

import java.util.List;
import java.util.Optional;

/**
 * The best configuration at one load level: the highest throughput per GPU among those meeting the SLO.
 *
 * @param meeting every configuration meeting the SLO there, best first
 */
public record LevelChoice(String level, int concurrency, Optional<ParetoPoint> best, List<String> meeting) {
    public LevelChoice {
        meeting = List.copyOf(meeting);
    }
}
