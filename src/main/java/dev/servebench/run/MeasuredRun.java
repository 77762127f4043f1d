package dev.servebench.run;

import dev.servebench.bench.LevelMetric;
import dev.servebench.store.StoredRun;

/**
 * A recorded run with the two figures a line about it shows.
 *
 * @param measuredLevels           the levels that measured something: warmup levels are run to be thrown away
 * @param peakTotalTokensPerSecond the highest total tokens/s of its measured levels; NaN when it measured none
 */
public record MeasuredRun(StoredRun run, long measuredLevels, double peakTotalTokensPerSecond) {

    static MeasuredRun of(StoredRun r) {
        return new MeasuredRun(r, r.levels().stream().filter(l -> !l.phase().equals("WARMUP")).count(),
                r.levels().stream().filter(l -> !l.phase().equals("WARMUP"))
                        .mapToDouble(l -> LevelMetric.TOTAL_TOKENS_PER_S.of(l.metrics())).max().orElse(Double.NaN));
    }
}
