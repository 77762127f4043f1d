package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.experiment.Numbers;
import dev.servebench.run.RunsList;
import dev.servebench.store.RunKind;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;
import dev.servebench.table.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Recorded runs, experiments, plans and evals, newest first, each with its results folder; filtered "
                + "by model, target, kind, date or experiment.",
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs list",
            "  servebench runs list --model llama --kind experiment",
            "  servebench runs list --kind eval",
            "  servebench runs list --db jdbc:postgresql://db.internal/servebench?user=bench"})
final class RunsListCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "TEXT", description = "Model name contains TEXT (an experiment's or "
            + "plan's parameters contain it).")
    String model;

    @Option(names = "--target", paramLabel = "TEXT", description = "Target name or URL contains TEXT.")
    String target;

    @Option(names = "--kind", paramLabel = "bench|predict|experiment|plan|eval",
            description = "Only this kind: experiment lists the experiments and their runs.")
    String kind;

    @Option(names = "--since", paramLabel = "DATE", description = "Started on or after DATE (YYYY-MM-DD, UTC, or an ISO instant).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Started before DATE.")
    String until;

    @Option(names = "--experiment", paramLabel = "ID", description = "Only this experiment or plan, its runs and "
            + "its accuracy checks.")
    String experiment;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunsList.Result listed = RunsList.list(new RunsList.Options(db.readingLocation(), Optional.ofNullable(model),
                Optional.ofNullable(target), Optional.ofNullable(kind).map(RunKind::parse),
                Optional.ofNullable(since).map(RunsListCommand::instant),
                Optional.ofNullable(until).map(RunsListCommand::instant), Optional.ofNullable(experiment), limit));
        TextTable table = new TextTable(List.of("id", "folder", "kind", "status", "started (UTC)", "target", "model",
                "levels", "peak total tok/s", "experiment"));
        listed.entries().forEach(e -> table.row(cells(e)));
        PrintWriter out = spec.commandLine().getOut();
        out.print(table.render());
        out.println(counts(listed) + " in " + listed.database());
        if (listed.interrupted()) {
            out.println("interrupted: its servebench process ended without finishing the run (killed, crashed or "
                    + "powered off); the levels it recorded are kept.");
        }
        if (!listed.runningElsewhere().isEmpty()) {
            out.println("running on " + String.join(", ", listed.runningElsewhere()) + ": recorded on another host, "
                    + "so not checked from here; a process that died there still shows as running.");
        }
        return 0;
    }

    private static List<String> cells(RunsList.Entry entry) {
        return switch (entry) {
            case RunsList.RunEntry e -> {
                StoredRun r = e.measured().run();
                yield List.of(r.id(), r.resultsFolder().orElse("-"), r.kind().dbName(), r.status().dbName(),
                        RunsText.time(r.startedEpochMillis()), r.target().name(), r.target().model(),
                        Long.toString(e.measured().measuredLevels()),
                        Numbers.value(e.measured().peakTotalTokensPerSecond()),
                        r.experiment().map(m -> m.experimentId() + ":" + m.group() + "#" + m.index()).orElse(""));
            }
            case RunsList.ExperimentEntry e -> {
                StoredExperiment x = e.experiment();
                yield List.of(x.id(), x.resultsFolder().orElse("-"), x.isPlan() ? "plan" : "experiment " + x.kind(),
                        x.status(), RunsText.time(x.createdEpochMillis()), x.isPlan() ? planCluster(x) : "",
                        x.parameter("model").orElse(""), "", "", "");
            }
            case RunsList.EvalEntry e -> {
                StoredEvalCheck c = e.check();
                yield List.of(c.id(), c.resultsFolder(), "eval", "complete", RunsText.time(c.createdEpochMillis()),
                        c.targetUrl(), c.model(), "", "",
                        c.experimentId().map(x -> x + c.condition().map(k -> ":" + k).orElse("")).orElse(""));
            }
        };
    }

    /** "3 run(s), 1 experiment(s), 1 plan(s), 2 eval(s)": the runs always, the others when there are any. */
    private static String counts(RunsList.Result listed) {
        StringBuilder text = new StringBuilder(listed.runs() + " run(s)");
        if (listed.experiments() > 0) {
            text.append(", ").append(listed.experiments()).append(" experiment(s)");
        }
        if (listed.plans() > 0) {
            text.append(", ").append(listed.plans()).append(" plan(s)");
        }
        if (listed.evals() > 0) {
            text.append(", ").append(listed.evals()).append(" eval(s)");
        }
        return text.toString();
    }

    /** "1 x 8 mi300x", from the parameters plan records. */
    private static String planCluster(StoredExperiment plan) {
        return plan.parameter("nodes").orElse("?") + " x " + plan.parameter("gpus_per_node").orElse("?") + " "
                + plan.parameter("gpu").orElse("?");
    }

    private static Instant instant(String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new BadInputException("cannot read date '" + text + "'; write YYYY-MM-DD or an ISO instant");
            }
        }
    }
}
