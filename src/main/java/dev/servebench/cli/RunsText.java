package dev.servebench.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats shared by the {@code runs} subcommands. */
final class RunsText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunsText() {
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Levels that measured something: warmup levels are run to be thrown away. */
    static long measuredLevels(dev.servebench.store.StoredRun r) {
        return r.levels().stream().filter(l -> !l.phase().equals("WARMUP")).count();
    }

    /** The highest total tokens/s of its measured levels; NaN when it measured none. */
    static double peakTotalTokensPerSecond(dev.servebench.store.StoredRun r) {
        return r.levels().stream().filter(l -> !l.phase().equals("WARMUP"))
                .mapToDouble(l -> dev.servebench.bench.LevelMetric.TOTAL_TOKENS_PER_S.of(l.metrics())).max()
                .orElse(Double.NaN);
    }
}
