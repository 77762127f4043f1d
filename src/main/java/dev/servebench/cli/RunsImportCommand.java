package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.store.ImportedRun;
import dev.servebench.results.RequestsFile;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        header = "Records a results folder in the database, as its run would have been recorded.",
        description = {"For a run the database missed: it was locked or unreachable during the run (bench says",
            "so at the end), or the run used --no-db. Reads summary.json and requests.jsonl of a finished or",
            "interrupted run. A run the database holds only in part is completed in place, keeping its id; a",
            "folder already recorded in full is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs import results/20261123-101530-my-model",
            "  servebench runs import results/run-a --db jdbc:postgresql://db.internal/servebench?user=bench"})
final class RunsImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FOLDER", description = "Results folder (as written by bench --out).")
    Path folder;

    @Option(names = "--kind", paramLabel = "bench|predict", defaultValue = "bench",
            description = "What produced the folder (default ${DEFAULT-VALUE}).")
    String kind;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunKind runKind = RunKind.parse(kind);
        if (runKind == RunKind.EXPERIMENT) {
            throw new BadInputException("--kind experiment cannot be imported: the folder does not say which "
                    + "experiment; use bench or predict");
        }
        if (runKind != RunKind.BENCH && runKind != RunKind.PREDICT) {
            throw new BadInputException("--kind " + kind + " cannot be imported: only a run's folder (summary.json, "
                    + "requests.jsonl) can; use bench or predict");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = db.openForReading()) {
            ImportedRun run = store.importFolder(folder, runKind);
            if (run.tornRequestLines() > 0) {
                spec.commandLine().getErr().println("servebench: " + RequestsFile.tornLinesNote(
                        folder.resolve(ResultsFolder.REQUESTS_FILE), run.tornRequestLines()));
            }
            String what = run.completedLive()
                    ? "Completed run " + run.runId() + " from " + folder + " (" + run.levelsAdded() + " level(s) added)"
                    : "Imported " + folder + " as run " + run.runId();
            out.println(what + ": " + run.status() + ", " + run.levels() + " level(s), in " + store.location().display()
                    + " (servebench runs show " + run.runId() + ")");
        }
        return 0;
    }
}
