package dev.servebench.report.html;

import dev.servebench.eval.EvalFiles;
import dev.servebench.eval.ItemResult;
import dev.servebench.eval.TaskResult;
import dev.servebench.table.ReportTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An accuracy check's page: each task's accuracy with its 95 % Wilson interval, and the first items it
 * answered wrong (all of them are in the folder's failed-TASK.jsonl), in one self-contained HTML file
 * like a run's report. Its tables are the ones the terminal printed ({@code EvalTables}), passed in as built.
 */
public final class EvalReport {
    /** Wrong items shown per task; the file holds them all. */
    private static final int SHOWN_WRONG = 10;
    private static final int SHOWN_CHARS = 300;

    private EvalReport() {
    }

    /**
     * @param about  what was checked: url, model, temperature, seed (as eval.json holds them)
     * @param tables the tables the terminal prints of the results, shown with the same cells
     */
    public static String render(Map<String, Object> about, List<TaskResult> results, List<ReportTable> tables,
                                Path folder) {
        Map<String, Object> data = new LinkedHashMap<>(about);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (TaskResult r : results) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("accuracy", r.accuracy());
            task.put("failed_file", folder.relativize(EvalFiles.failedFile(folder, r.task().name())).toString());
            task.put("wrong_count", r.wrong().size());
            List<Map<String, String>> wrong = new ArrayList<>();
            for (ItemResult i : r.wrong().subList(0, Math.min(SHOWN_WRONG, r.wrong().size()))) {
                wrong.add(Map.of("id", i.item().id(), "prompt", cut(i.item().prompt()), "answer", cut(i.answer()),
                        "expected", i.item().expected(), "extracted", String.valueOf(i.grade().extracted())));
            }
            task.put("wrong", wrong);
            tasks.add(task);
        }
        data.put("tasks", tasks);
        data.put("tables", tables);
        return HtmlReport.fill(ReportAssets.template(), Map.of(
                "/*@STYLE@*/", ReportAssets.style(),
                "@ECHARTS_VERSION@", ReportAssets.ECHARTS_VERSION,
                "/*@DATA@*/", ScriptSafeJson.write(data),
                "/*@ECHARTS@*/", ReportAssets.echarts(),
                "/*@SCRIPT@*/", ReportAssets.evalScript()));
    }

    /** Writes atomically, so a reader never sees half a page. */
    public static Path write(Map<String, Object> about, List<TaskResult> results, List<ReportTable> tables,
                             Path folder) throws IOException {
        return HtmlReport.writeAtomically(render(about, results, tables, folder), folder.resolve("report.html"));
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
    }
}
