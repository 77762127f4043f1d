package dev.servebench.experiment;

import dev.servebench.BadInputException;
import dev.servebench.bench.LevelMetric;

import java.util.OptionalDouble;

/**
 * How many runs a repeat makes.
 *
 * @param runs            runs made in any case (at least 2: one run has no spread)
 * @param untilCiRelative if set, keep adding runs until every level's CI half-width of {@code ciMetric}
 *                        is at most this share of its mean (0.02 for "2%"), or {@code maxRuns} is reached
 */
public record RepeatSettings(int runs, OptionalDouble untilCiRelative, int maxRuns, LevelMetric ciMetric) {
    public RepeatSettings {
        if (runs < 2) {
            throw new BadInputException("-n must be at least 2 (one run has no variance), got " + runs);
        }
        if (maxRuns < runs) {
            throw new BadInputException("--max-runs (" + maxRuns + ") must be at least -n (" + runs + ")");
        }
        untilCiRelative.ifPresent(t -> {
            if (!(t > 0 && t < 1)) {
                throw new BadInputException("--until-ci must be a share between 0 and 100 %, e.g. 2%");
            }
        });
    }
}
