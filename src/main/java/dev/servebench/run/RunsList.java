package dev.servebench.run;

import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunFilter;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunLiveness;
import dev.servebench.store.RunStatus;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code runs list}: the recorded runs, experiments, plans and accuracy checks, newest first, filtered; with what the
 * unusual statuses among the runs listed mean.
 */
public final class RunsList {

    /**
     * @param model      the model's name contains this (an experiment's or plan's parameters contain it)
     * @param target     the target's name or URL contains this
     * @param kind       only records of this kind
     * @param since      started on or after
     * @param until      started before
     * @param experiment only this experiment or plan (id or unique prefix), its runs and its accuracy checks
     * @param limit      at most this many entries, the newest
     */
    public record Options(DatabaseLocation database, Optional<String> model, Optional<String> target,
                          Optional<RunKind> kind, Optional<Instant> since, Optional<Instant> until,
                          Optional<String> experiment, int limit) {
    }

    /** One line of the list, with the time it is sorted by. */
    public sealed interface Entry permits RunEntry, ExperimentEntry, EvalEntry {
        long startedEpochMillis();

        String id();
    }

    public record RunEntry(MeasuredRun measured) implements Entry {
        @Override
        public long startedEpochMillis() {
            return measured.run().startedEpochMillis();
        }

        @Override
        public String id() {
            return measured.run().id();
        }
    }

    /** An experiment or a plan. */
    public record ExperimentEntry(StoredExperiment experiment) implements Entry {
        @Override
        public long startedEpochMillis() {
            return experiment.createdEpochMillis();
        }

        @Override
        public String id() {
            return experiment.id();
        }
    }

    public record EvalEntry(StoredEvalCheck check) implements Entry {
        @Override
        public long startedEpochMillis() {
            return check.createdEpochMillis();
        }

        @Override
        public String id() {
            return check.id();
        }
    }

    /**
     * The entries listed.
     *
     * @param entries          newest first, at most the limit
     * @param interrupted      true when a run listed is interrupted: its process ended without finishing it
     * @param runningElsewhere the hosts of runs listed as running that were recorded on another host, where this one
     *                         cannot check their processes
     * @param database         the database listed, for display
     */
    public record Result(List<Entry> entries, boolean interrupted, SortedSet<String> runningElsewhere,
                         String database) {
        public Result {
            entries = List.copyOf(entries);
            runningElsewhere = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(runningElsewhere));
        }

        public long runs() {
            return entries.stream().filter(e -> e instanceof RunEntry).count();
        }

        public long experiments() {
            return entries.stream().filter(e -> e instanceof ExperimentEntry x && !x.experiment().isPlan()).count();
        }

        public long plans() {
            return entries.stream().filter(e -> e instanceof ExperimentEntry x && x.experiment().isPlan()).count();
        }

        public long evals() {
            return entries.stream().filter(e -> e instanceof EvalEntry).count();
        }
    }

    private RunsList() {
    }

    public static Result list(Options options) {
        try (RecordedRuns recorded = RecordedRuns.open(options.database())) {
            Optional<String> experimentId = options.experiment().map(x -> recorded.experimentOrPlan(x).id());
            RunFilter filter = new RunFilter(options.model(), options.target(), options.since(), options.until(),
                    options.kind(), experimentId, options.limit());
            List<Entry> entries = new ArrayList<>();
            recorded.store().list(filter).forEach(r -> entries.add(new RunEntry(MeasuredRun.of(r))));
            recorded.store().experiments(filter).forEach(x -> entries.add(new ExperimentEntry(x)));
            recorded.store().evalChecks(filter).forEach(c -> entries.add(new EvalEntry(c)));
            // Each source is newest first and cut at the limit; together they are cut again, the newest kept.
            entries.sort(Comparator.comparingLong(Entry::startedEpochMillis).thenComparing(Entry::id).reversed());
            List<Entry> shown = List.copyOf(entries.subList(0, Math.min(options.limit(), entries.size())));
            List<StoredRun> runs = shown.stream().filter(e -> e instanceof RunEntry).map(e -> ((RunEntry) e)
                    .measured().run()).toList();
            RunLiveness liveness = RunLiveness.here();
            SortedSet<String> otherHosts = new TreeSet<>();
            runs.stream().filter(r -> r.status() == RunStatus.RUNNING && !liveness.recordedHere(r))
                    .forEach(r -> otherHosts.add(r.environment().host()));
            return new Result(shown, runs.stream().anyMatch(r -> r.status() == RunStatus.INTERRUPTED), otherHosts,
                    recorded.display());
        }
    }
}
