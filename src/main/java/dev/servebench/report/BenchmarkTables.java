package dev.servebench.report;

import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.ConnectionStats;
import dev.servebench.bench.LengthCheck;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptCacheCheck;
import dev.servebench.bench.SeedLine;
import dev.servebench.report.tables.LevelTable;
import dev.servebench.report.tables.ServerViewTable;
import dev.servebench.table.ReportTable;
import dev.servebench.table.TerminalTables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's result as terminal text: per phase, the {@link LevelTable} (the report's "levels" table is the same
 * rows) headed by what its status is relative to, with the notes on its levels; then the server's view and the
 * footer.
 */
public final class BenchmarkTables {
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
            sb.append(TerminalTables.render(LevelTable.phase(phase.name().toLowerCase(Locale.ROOT),
                    phaseHeading(phase, !result.levels(Phase.BASELINE).isEmpty()), levels)));
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

    /** The server's own view per level, when its metrics were read: empty otherwise. */
    static String serverTable(BenchmarkResult result) {
        ReportTable table = ServerViewTable.terminal(result.levels());
        return table.rows().isEmpty() ? "" : TerminalTables.render(table) + "\n";
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

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
