package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.bench.LevelMetric;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunComparison;
import dev.servebench.store.RunStatus;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;
import dev.servebench.store.WorkloadDifferences;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code runs compare}: runs, experiments or an experiment's groups side by side per level, each against the first,
 * refused when they asked different things of the server unless told to compare them anyway.
 */
public final class RunsCompare {

    /**
     * @param database the results database
     * @param ids      two or more runs, experiments (all their complete runs) or EXPERIMENT:GROUP; the first is the
     *                 reference
     * @param metrics  what to compare
     * @param alpha    the significance level of Welch's t-test
     * @param force    compare runs whose workloads differ
     */
    public record Options(DatabaseLocation database, List<String> ids, List<LevelMetric> metrics, double alpha,
                          boolean force) {
        public Options {
            ids = List.copyOf(ids);
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * The comparison.
     *
     * @param groups      what was compared, the reference first
     * @param differences how the workloads differ (empty unless forced)
     * @param rows        per metric and level, every group's figures and each against the reference
     * @param repeated    true when at least two groups hold repeated runs, so that p-values mean something
     */
    public record Result(List<RunComparison.Group> groups, List<String> differences, List<LevelMetric> metrics,
                         List<RunComparison.Row> rows, boolean repeated) {
        public Result {
            groups = List.copyOf(groups);
            differences = List.copyOf(differences);
            metrics = List.copyOf(metrics);
            rows = List.copyOf(rows);
        }

        /** The rows of one metric. */
        public List<RunComparison.Row> rows(LevelMetric metric) {
            return rows.stream().filter(r -> r.metric() == metric).toList();
        }
    }

    private RunsCompare() {
    }

    public static Result compare(Options options) {
        try (RecordedRuns recorded = RecordedRuns.open(options.database())) {
            List<RunComparison.Group> groups = new ArrayList<>();
            for (String id : options.ids()) {
                groups.add(group(recorded, id));
            }
            List<String> differences = workloadDifferences(groups);
            if (!differences.isEmpty() && !options.force()) {
                throw new BadInputException("the runs asked different things of the server (" + String.join("; ",
                        differences) + "): a difference would measure the workload, not the server; give --force to "
                        + "compare them anyway");
            }
            List<RunComparison.Row> rows = RunComparison.compare(groups, options.metrics(), options.alpha());
            boolean repeated = groups.stream().filter(g -> g.runs().size() >= 2).count() >= 2;
            return new Result(groups, differences, options.metrics(), rows, repeated);
        }
    }

    /** Each group's runs against the reference group's first run, labelled, every difference once. */
    private static List<String> workloadDifferences(List<RunComparison.Group> groups) {
        StoredRun reference = groups.getFirst().runs().getFirst();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (RunComparison.Group g : groups) {
            for (StoredRun r : g.runs()) {
                if (r != reference) {
                    WorkloadDifferences.between(reference, r)
                            .forEach(d -> out.add(d + " (" + reference.id() + " vs " + r.id() + ")"));
                }
            }
        }
        return List.copyOf(out);
    }

    private static RunComparison.Group group(RecordedRuns recorded, String id) {
        String experimentPart = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
        Optional<String> groupName = id.contains(":") ? Optional.of(id.substring(id.indexOf(':') + 1)) : Optional.empty();
        if (experimentPart.startsWith("x")) {
            StoredExperiment x = recorded.experiment(experimentPart);
            List<StoredRun> runs = recorded.store().runsOf(x.id()).stream()
                    .filter(r -> r.status() == RunStatus.COMPLETE)
                    .filter(r -> groupName.isEmpty() || r.experiment().map(m -> m.group().equals(groupName.get())).orElse(false))
                    .toList();
            if (runs.isEmpty()) {
                throw new BadInputException("experiment " + x.id() + groupName.map(g -> " has no complete runs in group '"
                        + g + "'").orElse(" has no complete runs"));
            }
            return new RunComparison.Group(x.id() + groupName.map(g -> ":" + g).orElse(""), runs);
        }
        if (groupName.isPresent()) {
            throw new BadInputException("'" + id + "': only experiment ids (x…) take a :GROUP");
        }
        StoredRun run = recorded.run(id);
        return new RunComparison.Group(run.id(), List.of(run));
    }
}
