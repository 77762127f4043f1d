package dev.servebench.cli;

import dev.servebench.run.RunsImport;
import dev.servebench.store.ImportedRun;
import dev.servebench.store.RunKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
        RunsImport.Result imported = RunsImport.run(new RunsImport.Options(db.readingLocation(), folder, runKind));
        imported.note().ifPresent(note -> spec.commandLine().getErr().println("servebench: " + note));
        ImportedRun run = imported.run();
        String what = run.completedLive()
                ? "Completed run " + run.runId() + " from " + folder + " (" + run.levelsAdded() + " level(s) added)"
                : "Imported " + folder + " as run " + run.runId();
        spec.commandLine().getOut().println(what + ": " + run.status() + ", " + run.levels() + " level(s), in "
                + imported.database() + " (servebench runs show " + run.runId() + ")");
        return 0;
    }
}
