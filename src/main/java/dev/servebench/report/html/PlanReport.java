package dev.servebench.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plan's page: the decision table and the frontiers (TTFT, TPOT, ITL, per-user) drawn over every prediction, in one self-contained HTML
 * file like a run's report: the same page and style (and its error capture for the self-check), with the plan's
 * script and data (data only as script-safe JSON).
 */
public final class PlanReport {
    private PlanReport() {
    }

    /** @param plan the plan's stored document (PlanFiles.document) */
    public static String render(Map<String, Object> plan) {
        return HtmlReport.fill(ReportAssets.template(), Map.of(
                "/*@STYLE@*/", ReportAssets.style(),
                "@ECHARTS_VERSION@", ReportAssets.ECHARTS_VERSION,
                "/*@DATA@*/", ScriptSafeJson.write(plan),
                "/*@ECHARTS@*/", ReportAssets.echarts(),
                "/*@SCRIPT@*/", ReportAssets.planScript()));
    }

    /** Writes atomically, so a reader never sees half a page. */
    public static Path write(Map<String, Object> plan, Path file) throws IOException {
        return HtmlReport.writeAtomically(render(plan), file);
    }
}
