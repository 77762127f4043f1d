package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.table.TextTable;
import dev.servebench.store.RunFilter;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunLiveness;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;
import dev.servebench.experiment.Numbers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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

    /** One line of the table, with the time it is sorted by. */
    private record Row(long startedEpochMillis, String id, List<String> cells) {
    }

    @Override
    public Integer call() {
        try (RunStore store = db.openForReading()) {
            Optional<String> experimentId = Optional.ofNullable(experiment).map(x -> store.findExperiment(x)
                    .orElseThrow(() -> new BadInputException("no experiment or plan '" + x + "' in "
                            + store.location().display() + "; servebench runs list --kind experiment shows them")).id());
            RunFilter filter = new RunFilter(Optional.ofNullable(model), Optional.ofNullable(target),
                    Optional.ofNullable(since).map(RunsListCommand::instant),
                    Optional.ofNullable(until).map(RunsListCommand::instant),
                    Optional.ofNullable(kind).map(RunKind::parse), experimentId, limit);
            List<StoredRun> runs = store.list(filter);
            List<StoredExperiment> experiments = store.experiments(filter);
            List<StoredEvalCheck> checks = store.evalChecks(filter);
            List<Row> rows = new ArrayList<>();
            runs.forEach(r -> rows.add(new Row(r.startedEpochMillis(), r.id(), List.of(r.id(),
                    r.resultsFolder().orElse("-"), r.kind().dbName(), r.status().dbName(),
                    RunsText.time(r.startedEpochMillis()), r.target().name(), r.target().model(),
                    Long.toString(RunsText.measuredLevels(r)), Numbers.value(RunsText.peakTotalTokensPerSecond(r)),
                    r.experiment().map(m -> m.experimentId() + ":" + m.group() + "#" + m.index()).orElse("")))));
            experiments.forEach(x -> rows.add(new Row(x.createdEpochMillis(), x.id(), List.of(x.id(),
                    x.resultsFolder().orElse("-"), x.isPlan() ? "plan" : "experiment " + x.kind(), x.status(),
                    RunsText.time(x.createdEpochMillis()), x.isPlan() ? planCluster(x) : "", x.parameter("model")
                            .orElse(""), "", "", ""))));
            checks.forEach(c -> rows.add(new Row(c.createdEpochMillis(), c.id(), List.of(c.id(), c.resultsFolder(),
                    "eval", "complete", RunsText.time(c.createdEpochMillis()), c.targetUrl(), c.model(), "", "",
                    c.experimentId().map(x -> x + c.condition().map(k -> ":" + k).orElse("")).orElse("")))));
            // Each source is newest first and cut at the limit; together they are cut again, the newest kept.
            rows.sort(Comparator.comparingLong(Row::startedEpochMillis).thenComparing(Row::id).reversed());
            List<Row> shown = rows.subList(0, Math.min(limit, rows.size()));
            TextTable table = new TextTable(List.of("id", "folder", "kind", "status", "started (UTC)", "target", "model",
                    "levels", "peak total tok/s", "experiment"));
            shown.forEach(r -> table.row(r.cells()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(table.render());
            out.println(counts(shown, runs, experiments, checks) + " in " + store.location().display());
            Set<String> shownIds = new HashSet<>();
            shown.forEach(r -> shownIds.add(r.id()));
            statusNotes(runs.stream().filter(r -> shownIds.contains(r.id())).toList()).forEach(out::println);
        }
        return 0;
    }

    /** "3 run(s), 1 experiment(s), 1 plan(s), 2 eval(s)": the runs always, the others when there are any. */
    private static String counts(List<Row> shown, List<StoredRun> runs, List<StoredExperiment> experiments,
                                 List<StoredEvalCheck> checks) {
        Set<String> ids = new HashSet<>();
        shown.forEach(r -> ids.add(r.id()));
        StringBuilder text = new StringBuilder(runs.stream().filter(r -> ids.contains(r.id())).count() + " run(s)");
        long plain = experiments.stream().filter(x -> !x.isPlan() && ids.contains(x.id())).count();
        long plans = experiments.stream().filter(x -> x.isPlan() && ids.contains(x.id())).count();
        long evals = checks.stream().filter(c -> ids.contains(c.id())).count();
        if (plain > 0) {
            text.append(", ").append(plain).append(" experiment(s)");
        }
        if (plans > 0) {
            text.append(", ").append(plans).append(" plan(s)");
        }
        if (evals > 0) {
            text.append(", ").append(evals).append(" eval(s)");
        }
        return text.toString();
    }

    /** "1 x 8 mi300x", from the parameters plan records. */
    private static String planCluster(StoredExperiment plan) {
        return plan.parameter("nodes").orElse("?") + " x " + plan.parameter("gpus_per_node").orElse("?") + " "
                + plan.parameter("gpu").orElse("?");
    }

    /** What the unusual statuses in the table mean, shown only when such runs are listed. */
    private static List<String> statusNotes(List<StoredRun> runs) {
        RunLiveness liveness = RunLiveness.here();
        List<String> notes = new ArrayList<>();
        if (runs.stream().anyMatch(r -> r.status() == dev.servebench.store.RunStatus.INTERRUPTED)) {
            notes.add("interrupted: its servebench process ended without finishing the run (killed, crashed or "
                    + "powered off); the levels it recorded are kept.");
        }
        TreeSet<String> otherHosts = new TreeSet<>();
        runs.stream().filter(r -> r.status() == dev.servebench.store.RunStatus.RUNNING && !liveness.recordedHere(r))
                .forEach(r -> otherHosts.add(r.environment().host()));
        if (!otherHosts.isEmpty()) {
            notes.add("running on " + String.join(", ", otherHosts) + ": recorded on another host, so not checked "
                    + "from here; a process that died there still shows as running.");
        }
        return notes;
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
