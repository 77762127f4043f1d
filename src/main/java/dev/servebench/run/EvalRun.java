package dev.servebench.run;

import dev.servebench.client.EndpointConfig;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTables;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskResult;
import dev.servebench.report.ReportFiles;
import dev.servebench.report.html.EvalReport;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.table.ReportTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code eval}: an accuracy check of one server's answers, from the tasks read to the results folder, the database
 * record and the report. The command line reads the task files, builds the {@link Options} and prints the
 * {@link Result}.
 */
public final class EvalRun {

    /**
     * One check, immutable.
     *
     * @param url      the server's base URL
     * @param model    the model name to send
     * @param client   how the client talks to it
     * @param tasks    the tasks, read
     * @param settings answer limits, questions in flight, sampling seed
     * @param folder   the results folder
     * @param database the results database, when recording
     */
    public record Options(URI url, String model, ClientAccess client, List<EvalTask> tasks, EvalSettings settings,
                          Path folder, Optional<DatabaseLocation> database) {
        public Options {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * A finished check.
     *
     * @param checked  every task's results, the database id when recorded, the server's prompt cache
     * @param report   report.html (its tables are also in {@value #TABLES_FOLDER}/ as Markdown and CSV)
     * @param database the database it was recorded in, for display
     */
    public record Result(AccuracyCheckRun.Checked checked, Path folder, Path report, Optional<String> database) {
        public List<TaskResult> results() {
            return checked.results();
        }

        public Optional<String> evalId() {
            return checked.evalId();
        }
    }

    /** Where the check's tables go as Markdown and CSV, as in a run's folder. */
    public static final String TABLES_FOLDER = "tables";

    private EvalRun() {
    }

    /** Asks every task's questions; {@code err} gets the line saying what is asked and the database's notes. */
    public static Result run(Options options, PrintWriter err) throws IOException {
        List<EvalTask> tasks = options.tasks();
        err.printf(Locale.ROOT, "servebench: eval: %d question(s) in %d task(s), temperature 0, seed %d, %d in flight%n",
                tasks.stream().mapToInt(t -> t.items().size()).sum(), tasks.size(), options.settings().seed(),
                options.settings().concurrency());
        err.flush();
        Optional<RunStore> store = Databases.openIfAvailable(options.database(), err);
        try {
            EndpointConfig target = options.client().endpoint(options.url(), options.model());
            AccuracyCheckRun.Checked checked = AccuracyCheckRun.run(target, tasks, options.settings(),
                    options.folder(), store, Optional.empty(), Optional.empty());
            // The table the terminal prints (EvalTables.accuracy), built once here for the page and tables/.
            List<ReportTable> tables = List.of(EvalTables.accuracyTable(
                    checked.results().stream().map(TaskResult::accuracy).toList()));
            Path report = EvalReport.write(Map.of("url", target.displayUrl(), "model", options.model(),
                    "temperature", 0.0, "seed", options.settings().seed()), checked.results(), tables,
                    options.folder());
            ReportFiles.writeTables(tables, options.folder().resolve(TABLES_FOLDER));
            return new Result(checked, options.folder(), report, store.map(s -> s.location().display()));
        } finally {
            store.ifPresent(RunStore::close);
        }
    }
}
