package dev.servebench.report;

import dev.servebench.table.TextTable;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.ConnectionStats;
import dev.servebench.bench.LengthCheck;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptCacheCheck;
import dev.servebench.bench.SeedLine;
import dev.servebench.stats.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's per-phase tables as text: one row per level with throughput, latency percentiles,
 * streaming metrics and the status, each phase headed by what its status is relative to.
 */
public final class BenchmarkTables {
    private static final List<String> HEADERS = List.of("level", "reqs", "valid", "total tok/s", "out tok/s",
            "req/s", "p50 s", "p95 s", "p99 s", "TTFT p50/p99 ms", "ITL p50/p99 ms", "TPOT p50 ms", "status");

    private BenchmarkTables() {
    }

    public static String render(BenchmarkResult result) {
        StringBuilder sb = new StringBuilder();
        sb.append("servebench — ").append(result.target().name()).append(" (model ")
                .append(result.target().model()).append(")\n\n");
        for (Phase phase : Phase.values()) {
            List<LevelResult> levels = result.levels(phase);
            if (levels.isEmpty()) {
                continue;
            }
            sb.append(phaseHeading(phase, !result.levels(Phase.BASELINE).isEmpty())).append('\n');
            TextTable table = new TextTable(HEADERS);
            for (LevelResult level : levels) {
                table.row(row(level));
            }
            sb.append(table.render());
            for (LevelResult level : levels) {
                if (level.verdict().status() == dev.servebench.bench.LevelStatus.FAILING) {
                    sb.append("  ").append(level.spec().name()).append(" FAILING: ").append(failures(level))
                            .append('\n');
                }
                LengthCheck lengths = level.metrics().lengths();
                if (lengths != null) {
                    lengths.notes().forEach(note -> sb.append("  ").append(level.spec().name()).append(": ")
                            .append(note).append('\n'));
                }
                level.promptCache().map(PromptCacheCheck::note).ifPresent(note -> sb.append("  ")
                        .append(level.spec().name()).append(": ").append(note).append('\n'));
            }
            sb.append('\n');
        }
        sb.append(serverTable(result));
        sb.append(footer(result));
        return sb.toString();
    }

    private static final List<String> SERVER_HEADERS = List.of("level", "running mean/max", "waiting mean/max",
            "KV % mean/max", "preempted", "prefix hit %", "server TTFT p50/p99 ms", "client TTFT p50/p99 ms",
            "scrapes (failed)");

    /** The server's own view per level, when its metrics were read: empty otherwise. */
    static String serverTable(BenchmarkResult result) {
        List<LevelResult> levels = result.levels().stream().filter(l -> l.serverMetrics().isPresent()).toList();
        if (levels.isEmpty()) {
            return "";
        }
        var first = levels.getFirst().serverMetrics().get();
        StringBuilder sb = new StringBuilder("SERVER VIEW (from " + first.source()
                + (first.engine() == null ? "" : ", " + first.engine() + "'s metrics")
                + "; gauges over the readings during each level; the server's TTFT runs from a request's arrival, "
                + "its percentiles estimated from the histogram's buckets as histogram_quantile does, so as coarse as "
                + "they are)\n");
        TextTable table = new TextTable(SERVER_HEADERS);
        for (LevelResult level : levels) {
            var m = level.serverMetrics().get();
            table.row(List.of(level.spec().phase() + " " + level.spec().name(),
                    gauge(m.runningRequests(), 1), gauge(m.waitingRequests(), 1),
                    m.kvCacheUsageFraction() == null ? "-" : fmt("%.1f/%.1f", 100 * m.kvCacheUsageFraction().mean(),
                            100 * m.kvCacheUsageFraction().max()),
                    m.preemptions() == null ? "-" : fmt("%.0f", m.preemptions()),
                    m.prefixCacheHitFraction() == null ? "-" : fmt("%.1f", 100 * m.prefixCacheHitFraction()),
                    m.ttftMillis() == null || m.ttftMillis().p50() == null ? "-"
                            : fmt("%.1f/%.1f", m.ttftMillis().p50(), m.ttftMillis().p99()),
                    pair(level.metrics().ttftMillis()),
                    m.scrapes() + (m.scrapeFailures() == 0 ? "" : " (" + m.scrapeFailures() + ")")));
        }
        sb.append(table.render()).append('\n');
        return sb.toString();
    }

    private static String gauge(dev.servebench.metrics.ServerMetricsSummary.GaugeStats g, int digits) {
        return g == null ? "-" : fmt("%." + digits + "f/%." + digits + "f", g.mean(), g.max());
    }

    /** {@code baselineRan}: SCALING's DEGRADED is measured against BASELINE, which may not have run. */
    static String phaseHeading(Phase phase, boolean baselineRan) {
        return switch (phase) {
            case WARMUP -> "WARMUP (excluded from every aggregate)";
            case BASELINE -> "BASELINE (its p99 is the reference for SCALING's DEGRADED)";
            case SCALING -> baselineRan ? "SCALING (DEGRADED = p99 > 2 × BASELINE p99; FAILING = success < 95 %)"
                    : "SCALING (no BASELINE ran, so no level is DEGRADED; FAILING = success < 95 %)";
            case STRESS -> "STRESS (FAILING = success < 95 %)";
            case SATURATION -> "SATURATION (SATURATED = total tok/s < 1.05 × previous level; FAILING = success < 95 %)";
        };
    }

    public static List<String> row(LevelResult level) {
        LevelMetrics m = level.metrics();
        Summary lat = m.latencySeconds();
        List<String> cells = new ArrayList<>();
        cells.add(level.spec().name());
        cells.add(Integer.toString(m.requests()));
        cells.add(percent(m.successRate()));
        cells.add(fmt("%.0f", m.totalTokensPerSecond()));
        cells.add(fmt("%.0f", m.outputTokensPerSecond()));
        cells.add(fmt("%.2f", m.requestsPerSecond()));
        cells.add(seconds(lat.p50()));
        cells.add(seconds(lat.p95()));
        cells.add(seconds(lat.p99()));
        cells.add(pair(m.ttftMillis()));
        cells.add(pair(m.itlMillis()));
        cells.add(m.tpotMillis().isEmpty() ? "-" : fmt("%.1f", m.tpotMillis().p50()));
        cells.add(level.verdict().label());
        return cells;
    }

    private static String footer(BenchmarkResult result) {
        StringBuilder sb = new StringBuilder();
        result.peak().ifPresent(p -> sb.append(fmt("Peak: %.0f total tok/s (%.0f output tok/s) at %s %s",
                p.metrics().totalTokensPerSecond(), p.metrics().outputTokensPerSecond(), p.spec().phase(),
                p.spec().name())).append('\n'));
        result.saturationPoint().ifPresent(s -> sb.append("Saturation point: ").append(s.spec().name())
                .append(" (the next level gained < 5 % throughput)\n"));
        boolean estimated = result.levels().stream().anyMatch(l -> !l.metrics().tokenSource().equals("usage")
                && l.metrics().validRequests() > 0);
        boolean unreadable = result.levels().stream().anyMatch(l -> l.metrics().tokenSource().equals("unreadable usage"));
        sb.append(unreadable
                ? "Token counts: some ESTIMATED from text length (the server's usage block could not be read: its "
                + "completion_tokens was missing or not a whole number).\n"
                : estimated ? "Token counts: some ESTIMATED from text length (the server sent no usage block).\n"
                : "Token counts: from the server's usage block.\n");
        sb.append(promptLengthLine(result));
        sb.append("Prompts: ").append(SeedLine.of(result.config())).append(".\n");
        sb.append(promptCacheLine(result));
        sb.append(connectionLine(result));
        sb.append(turnLines(result));
        if (result.levels().stream().anyMatch(l -> l.metrics().timeToFirstAnswerMillis() != null)) {
            sb.append("Reasoning output: TTFT counts the first token of any kind; the time to the first answer "
                    + "token is time_to_first_answer_millis in summary.json.\n");
        }
        sb.append("Throughput = (prompt + completion tokens of valid requests) / level wall time; "
                + "steady-state figures are in summary.json.\n");
        return sb.toString();
    }

    /** The top failure classes with the first message of each, most frequent first. */
    static String failures(LevelResult level) {
        LevelMetrics m = level.metrics();
        List<String> parts = new ArrayList<>();
        m.failuresByClass().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(e -> {
                    String first = m.firstFailureByClass() == null ? null : m.firstFailureByClass().get(e.getKey());
                    parts.add(e.getValue() + " " + e.getKey() + (first == null || first.isEmpty() ? ""
                            : " (first: " + first + ")"));
                });
        String why = level.verdict().reason();
        return parts.isEmpty() ? why : why + "; " + String.join(", ", parts);
    }

    private static String promptLengthLine(BenchmarkResult result) {
        List<LengthCheck> checks = result.levels().stream().map(l -> l.metrics().lengths())
                .filter(java.util.Objects::nonNull).toList();
        if (checks.isEmpty()) {
            return "";
        }
        long off = checks.stream().filter(c -> c.notes().stream().anyMatch(n -> n.startsWith("prompt"))).count();
        LengthCheck first = checks.get(0);
        String overhead = first.templateOverheadTokens() == null || first.templateOverheadTokens() == 0 ? ""
                : " + the " + first.templateOverheadTokens() + " the server adds (chat template)";
        return off == 0
                ? "Prompt tokens: the server's count matched the asked length" + overhead + " on every level "
                + "(prompts sized by " + first.promptCountedBy() + ").\n"
                : "Prompt tokens: the server's count differed from the asked length" + overhead + " on " + off
                + " of " + checks.size() + " levels (notes under the tables).\n";
    }

    /** Whether the server's counters showed prompts served from its cache: the levels' notes say how much. */
    private static String promptCacheLine(BenchmarkResult result) {
        List<PromptCacheCheck> checks = result.levels().stream().flatMap(l -> l.promptCache().stream()).toList();
        if (checks.isEmpty()) {
            return "";
        }
        long unexpected = checks.stream().filter(PromptCacheCheck::unexpectedHits).count();
        return unexpected == 0
                ? "Prompt cache: by " + checks.getFirst().countedBy() + ", no level's new prompts were served from the "
                + "server's cache (under " + Math.round(100 * PromptCacheCheck.NOTE_FRACTION) + " % on every level; "
                + checks.size() + " checked).\n"
                : "Prompt cache: on " + unexpected + " of " + checks.size() + " levels the server served prompts meant "
                + "to be new from its cache (notes under the tables): their TTFT is the cache's.\n";
    }

    /** One line per multi-turn level: TTFT by turn, where prefix caching of the history shows. */
    private static String turnLines(BenchmarkResult result) {
        StringBuilder sb = new StringBuilder();
        for (LevelResult level : result.levels()) {
            var byTurn = level.metrics().ttftMillisByTurn();
            if (byTurn == null || byTurn.isEmpty()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            byTurn.forEach((turn, s) -> parts.add(fmt("turn %d %.0f/%.0f ms (%d)", turn, s.p50(), s.p99(), s.count())));
            sb.append("TTFT p50/p99 by turn, ").append(level.spec().phase()).append(' ').append(level.spec().name())
                    .append(": ").append(String.join(", ", parts)).append('\n');
        }
        return sb.toString();
    }

    private static String connectionLine(BenchmarkResult result) {
        int fresh = 0;
        int reused = 0;
        int retries = 0;
        for (LevelResult level : result.levels()) {
            ConnectionStats c = level.metrics().connections();
            if (c != null) {
                fresh += c.newConnections();
                reused += c.reusedConnections();
                retries += c.retries();
            }
        }
        if (fresh + reused == 0) {
            return "";
        }
        return fmt("Connections: %d requests on new connections, %d on reused keep-alive ones; %d re-sent once on "
                + "a new connection because the server had closed the reused one before answering.%n",
                fresh, reused, retries);
    }

    private static String pair(Summary s) {
        return s.isEmpty() ? "-" : fmt("%.1f/%.1f", s.p50(), s.p99());
    }

    private static String seconds(double v) {
        return Double.isNaN(v) ? "-" : fmt("%.3f", v);
    }

    private static String percent(double share) {
        return fmt("%.1f%%", share * 100);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
