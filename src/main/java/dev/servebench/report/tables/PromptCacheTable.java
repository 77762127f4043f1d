package dev.servebench.report.tables;

import dev.servebench.bench.PromptCacheCheck;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunSeries;
import dev.servebench.results.SummaryDocument;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The levels a server answered partly from its prompt cache (over 5 % of their prompt tokens), by its own
 * counters: stale hits from an earlier run's prompts, or the hits a shared-text workload expects. Empty (and left
 * out of the report) when no level had any.
 */
public final class PromptCacheTable {
    /** The note under the terminal table says the same in words; here the figures and what counted them. */
    static final List<String> COLUMNS = List.of("run", "level", "cached %", "cached / prompt tokens", "expected",
            "counted by");

    private PromptCacheTable() {
    }

    public static ReportTable of(List<RunSeries> series) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSeries s : series) {
            for (ReportRun run : s.runs()) {
                for (SummaryDocument.Level level : run.levels()) {
                    PromptCacheCheck c = level.promptCache();
                    if (c == null || c.note() == null) {
                        continue;
                    }
                    rows.add(List.of(run.id(), level.phase() + " " + level.name(),
                            Cells.percent(c.cachedFraction(), 1),
                            String.format(java.util.Locale.ROOT, "%,d / %,d", c.cachedTokens(), c.promptTokens()),
                            c.hitsExpected() ? "yes: shared by design" : "NO: meant to be new", c.countedBy()));
                }
            }
        }
        return new ReportTable("prompt-cache", "Prompt cache",
                "Levels whose prompt tokens the server served from its cache (more than "
                        + Math.round(100 * PromptCacheCheck.NOTE_FRACTION) + " %, by its own counters read as each "
                        + "level started and ended). Expected NO: the prompts were meant to be new, so the server had "
                        + "been sent them before (a run with the same --seed), and TTFT there is the cache's, not "
                        + "prefill's. Expected yes: the workload shares text by design (--prompt paper, --prefix-groups, "
                        + "conversations, a trace's prefix blocks).",
                COLUMNS, rows);
    }
}
