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
            out.printf(Locale.ROOT, "servebench: %s: %d requests, %.0f total tok/s (%.0f output), TTFT p50 %.0f ms, "
                            + "p99 latency %.3f s, success %.1f %%, %s%n", label, m.requests(), m.totalTokensPerSecond(),
                    m.outputTokensPerSecond(), m.ttftMillis().p50(),
                    m.latencySeconds().p99(), 100 * m.successRate(), result.verdict().label());
            result.serverMetrics().ifPresent(s -> out.printf(Locale.ROOT, "servebench: %s: server: running max %s, "
                            + "waiting max %s, KV-cache max %s, TTFT mean %s, %d scrapes%s%n", label,
                    s.runningRequests() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.runningRequests().max()),
                    s.waitingRequests() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.waitingRequests().max()),
                    s.kvCacheUsageFraction() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f %%", 100 * s.kvCacheUsageFraction().max()),
                    s.ttftMillis() == null || s.ttftMillis().mean() == null ? "-"
                            : String.format(Locale.ROOT, "%.0f ms", s.ttftMillis().mean()),
                    s.scrapes(), s.scrapeFailures() == 0 ? "" : " (" + s.scrapeFailures() + " failed)"));
            out.flush();
        }
    }
}
