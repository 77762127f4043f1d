package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.LevelMetric;
import dev.servebench.table.TextTable;
import dev.servebench.store.RunFilter;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunLiveness;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Recorded runs, newest first, filtered by model, target, kind, date or experiment.",
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs list",
            "  servebench runs list --model llama --kind experiment",
            "  servebench runs list --db jdbc:postgresql://db.internal/servebench?user=bench"})
final class RunsListCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "TEXT", description = "Model name contains TEXT.")
    String model;

    @Option(names = "--target", paramLabel = "TEXT", description = "Target name or URL contains TEXT.")
    String target;

    @Option(names = "--kind", paramLabel = "bench|predict|experiment", description = "Only runs of this kind.")
    String kind;

    @Option(names = "--since", paramLabel = "DATE", description = "Started on or after DATE (YYYY-MM-DD, UTC, or an ISO instant).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Started before DATE.")
    String until;

    @Option(names = "--experiment", paramLabel = "ID", description = "Only the runs of this experiment.")
    String experiment;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (RunStore store = db.openForReading()) {
            Optional<String> experimentId = Optional.ofNullable(experiment).map(x -> store.findExperiment(x)
                    .orElseThrow(() -> new BadInputException("no experiment '" + x + "' in "
                            + store.location().display())).id());
            RunFilter filter = new RunFilter(Optional.ofNullable(model), Optional.ofNullable(target),
                    Optional.ofNullable(since).map(RunsListCommand::instant),
                    Optional.ofNullable(until).map(RunsListCommand::instant),
                    Optional.ofNullable(kind).map(RunKind::parse), experimentId, limit);
            List<StoredRun> runs = store.list(filter);
            TextTable table = new TextTable(List.of("id", "kind", "status", "started (UTC)", "target", "model",
                    "levels", "peak total tok/s", "experiment"));
            for (StoredRun r : runs) {
                double peak = r.levels().stream().filter(l -> !l.phase().equals("WARMUP"))
                        .mapToDouble(l -> LevelMetric.TOTAL_TOKENS_PER_S.of(l.metrics())).max().orElse(Double.NaN);
                table.row(List.of(r.id(), r.kind().dbName(), r.status().dbName(), RunsText.time(r.startedEpochMillis()),
                        r.target().name(), r.target().model(), Long.toString(r.levels().stream()
                                .filter(l -> !l.phase().equals("WARMUP")).count()),
                        dev.servebench.experiment.Numbers.value(peak),
                        r.experiment().map(m -> m.experimentId() + ":" + m.group() + "#" + m.index()).orElse("")));
            }
            spec.commandLine().getOut().print(table.render());
            spec.commandLine().getOut().println(runs.size() + " run(s) in " + store.location().display());
            statusNotes(runs).forEach(spec.commandLine().getOut()::println);
        }
        return 0;
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
