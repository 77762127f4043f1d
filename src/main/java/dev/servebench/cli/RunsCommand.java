package dev.servebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runs}: the results database. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        header = "List, show, compare, export and import recorded runs (bench, predict, experiment).",
        description = {"Every run is recorded in an embedded SQLite file ($XDG_DATA_HOME/servebench/runs.db, else",
            "~/.local/share/servebench/runs.db) or, with --db jdbc:postgresql://…, a shared PostgreSQL database.",
            "Ids may be shortened to any unique prefix."},
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsCompareCommand.class, RunsExportCommand.class,
            RunsImportCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs list --model llama --since 2025-11-01",
            "  servebench runs show 20251123-1015",
            "  servebench runs compare 20251123-101530-3fa2 20251124-090102-77c1",
            "  servebench runs compare x20251125-120000-aa01:on x20251125-120000-aa01:off   # groups of an experiment",
            "  servebench runs export 20251123-1015 --format csv > levels.csv",
            "  servebench runs import results/20251123-101530-my-model   # a run the database missed"})
final class RunsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
