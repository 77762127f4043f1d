package dev.servebench.cli;

import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress where there is no terminal to redraw (CI logs, {@code | tee}): one plain line per finished level with
 * its key figures, so a long run shows it is alive and a killed one leaves what it had measured in the log.
 */
final class LevelLines implements BenchmarkListener {
    private final PrintWriter out;
    private volatile String label = "";

    LevelLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onLevelStart(LevelSpec level, int levelNumber, int levelCount) {
        label = String.format(Locale.ROOT, "[%d/%d] %s %s", levelNumber, levelCount, level.phase(), level.name());
    }

    @Override
    public void onLevelEnd(LevelResult result) {
        var m = result.metrics();
        synchronized (out) {
            out.printf(Locale.ROOT, "servebench: %s: %d requests, %.0f tok/s, TTFT p50 %.0f ms, p99 latency %.3f s, "
                            + "success %.1f %%, %s%n", label, m.requests(), m.totalTokensPerSecond(), m.ttftMillis().p50(),
                    m.latencySeconds().p99(), 100 * m.successRate(), result.verdict().status());
            out.flush();
        }
    }
}
