package dev.servebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunLiveness;
import dev.servebench.store.RunStatus;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code runs show}: one record of the results database, whichever kind its id names, with what the database says
 * about it beyond the record itself (an experiment's runs and checks, a plan's decisions, a run's process).
 */
public final class RunsShow {

    /**
     * @param database the results database
     * @param id       the id or a unique prefix of a run, an experiment or plan, or an accuracy check
     */
    public record Options(DatabaseLocation database, String id) {
    }

    /** The record found, of one of four kinds. */
    public sealed interface Result permits RunShown, ExperimentShown, PlanShown, EvalShown {
    }

    /**
     * A run.
     *
     * @param process for a run that has not recorded its end: what became of the process recording it
     * @param seed    the seed its prompts came from, as its stored configuration holds it; empty for runs from before
     */
    public record RunShown(StoredRun run, Optional<Process> process, Optional<Seed> seed) implements Result {
    }

    /** The process recording a run that has not recorded its end. */
    public record Process(long pid, Fate fate) {
    }

    public enum Fate {
        /** It ended without finishing the run (killed, crashed or powered off). */
        ENDED,
        /** It is still running, on this host. */
        RUNNING,
        /** It runs, or ran, on another host, where this one cannot check it. */
        NOT_CHECKED
    }

    /** @param origin how the seed was chosen; empty when the configuration does not say */
    public record Seed(long seed, String origin) {
    }

    /**
     * An experiment.
     *
     * @param runs   its runs in the order they ran
     * @param checks its accuracy checks, one per task and condition
     * @param groups its runs' groups (conditions, targets), each once, in the order they first ran
     */
    public record ExperimentShown(StoredExperiment experiment, List<MeasuredRun> runs, List<StoredEval> checks,
                                  List<String> groups) implements Result {
        public ExperimentShown {
            runs = List.copyOf(runs);
            checks = List.copyOf(checks);
            groups = List.copyOf(groups);
        }
    }

    /** @param decisions per concurrency; empty when the plan recorded none this version can read */
    public record PlanShown(StoredExperiment plan, Optional<List<Decision>> decisions) implements Result {
    }

    /**
     * The plan's decision at one concurrency, as its result wrote it.
     *
     * @param best             the best shape meeting the SLO; empty when none does
     * @param runnerUp         the runner-up's shape; empty when there is none
     * @param shapesMeetingSlo how many shapes meet the SLO
     */
    public record Decision(String concurrency, Optional<String> best, Optional<String> runnerUp,
                           String shapesMeetingSlo) {
    }

    public record EvalShown(StoredEvalCheck check) implements Result {
    }

    private RunsShow() {
    }

    public static Result show(Options options) {
        try (RecordedRuns recorded = RecordedRuns.open(options.database())) {
            return switch (recorded.record(options.id())) {
                case RecordedRuns.Run r -> new RunShown(r.run(), process(r.run()), seed(r.run()));
                case RecordedRuns.Experiment x when x.experiment().isPlan() -> plan(x.experiment());
                case RecordedRuns.Experiment x -> experiment(recorded.store(), x.experiment());
                case RecordedRuns.Eval e -> new EvalShown(e.check());
            };
        }
    }

    private static ExperimentShown experiment(RunStore store, StoredExperiment x) {
        List<StoredRun> runs = store.runsOf(x.id());
        List<String> groups = runs.stream().flatMap(r -> r.experiment().stream()).map(StoredRun.Membership::group)
                .distinct().toList();
        return new ExperimentShown(x, runs.stream().map(MeasuredRun::of).toList(), store.evals(x.id()), groups);
    }

    private static PlanShown plan(StoredExperiment plan) {
        JsonNode document = plan.resultJson().map(RunsShow::tree).orElse(null);
        if (document == null || !document.path("decisions").isArray()) {
            return new PlanShown(plan, Optional.empty());
        }
        List<Decision> decisions = new ArrayList<>();
        for (JsonNode d : document.path("decisions")) {
            decisions.add(new Decision(d.path("concurrency").asText(), shape(d.path("best")),
                    shape(d.path("runner_up")), d.path("shapes_meeting_slo").asText()));
        }
        return new PlanShown(plan, Optional.of(List.copyOf(decisions)));
    }

    private static Optional<String> shape(JsonNode point) {
        return point.isObject() ? Optional.of(point.path("shape").asText()) : Optional.empty();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            // A result this version cannot read still leaves the plan's parameters and folder to show.
            return null;
        }
    }

    private static Optional<Seed> seed(StoredRun r) {
        try {
            JsonNode config = Json.mapper().readTree(r.configJson());
            if (!config.path("seed").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new Seed(config.path("seed").asLong(), config.path("seed_origin").asText("")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Process> process(StoredRun r) {
        if (r.process().isEmpty() || !(r.status() == RunStatus.RUNNING || r.status() == RunStatus.INTERRUPTED)) {
            return Optional.empty();
        }
        long pid = r.process().get().pid();
        if (r.status() == RunStatus.INTERRUPTED) {
            return Optional.of(new Process(pid, Fate.ENDED));
        }
        return Optional.of(new Process(pid, RunLiveness.here().recordedHere(r) ? Fate.RUNNING : Fate.NOT_CHECKED));
    }
}
