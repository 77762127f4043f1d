package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.BadInputException;
import dev.servebench.eval.EvalTables;
import dev.servebench.eval.TaskAccuracy;
import dev.servebench.json.Json;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.experiment.Numbers;
import dev.servebench.table.TextTable;
import dev.servebench.store.RunLiveness;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredEval;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        header = "One record: a run (target, environment, per-level figures), an experiment (its runs), a plan "
                + "(its decisions) or an eval (its accuracy per task).",
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs show 20261123-011452-6415", "  servebench runs show 20261123-0114   # a unique prefix",
            "  servebench runs show x20261123-002810-6099   # an experiment or a plan",
            "  servebench runs show e20261123-003012-1a2b   # an accuracy check"})
final class RunsShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Id or unique prefix of a run, an experiment or plan (x…) or an "
            + "eval (e…), as the command that recorded it printed.")
    String id;

    @Option(names = "--config", description = "Also print the benchmark configuration, or an experiment's or plan's "
            + "parameters (JSON).")
    boolean showConfig;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = db.openForReading()) {
            // Each kind has its own table and its own id shape (RunIds: digits, x…, e…), so at most one
            // table holds an id or prefix; asking each in turn needs no second copy of the id rules here.
            Optional<StoredRun> run = store.find(id);
            if (run.isPresent()) {
                showRun(out, run.get());
                return 0;
            }
            Optional<StoredExperiment> experiment = store.findExperiment(id);
            if (experiment.isPresent()) {
                if (experiment.get().isPlan()) {
                    showPlan(out, experiment.get());
                } else {
                    showExperiment(out, store, experiment.get());
                }
                return 0;
            }
            StoredEvalCheck check = store.findEvalCheck(id).orElseThrow(() -> new BadInputException("no run, "
                    + "experiment, plan or eval with id '" + id + "' in " + store.location().display()
                    + "; servebench runs list shows the ids recorded there"));
            showEval(out, check);
        }
        return 0;
    }

    private void showRun(PrintWriter out, StoredRun r) {
        out.println("Run " + r.id() + " (" + r.kind().dbName() + ", " + r.status() + ")");
        out.println("Target:      " + r.target().name() + " — " + r.target().url() + ", model " + r.target().model());
        out.println("Started:     " + RunsText.time(r.startedEpochMillis()) + " UTC"
                + (r.finishedEpochMillis().isPresent() ? ", finished " + RunsText.time(r.finishedEpochMillis().getAsLong())
                + " UTC" : ""));
        out.println("Environment: " + r.environment().name() + " " + r.environment().version() + ", "
                + r.environment().javaVersion() + ", " + r.environment().os() + ", host " + r.environment().host()
                + " (" + r.environment().cpus() + " CPUs)");
        process(r).ifPresent(out::println);
        r.experiment().ifPresent(m -> out.println("Experiment:  " + m.experimentId() + ", group " + m.group()
                + ", run " + (m.index() + 1)));
        out.println("Results:     " + r.resultsFolder().orElse("(no folder recorded)"));
        out.println("Requests:    " + r.requestsFile().orElse("(not written)"));
        seed(r).ifPresent(line -> out.println("Prompts:     " + line));
        out.println();
        out.print(levels(r.levels()).render());
        if (showConfig) {
            out.println();
            out.println(r.configJson());
        }
    }

    private void showExperiment(PrintWriter out, RunStore store, StoredExperiment x) {
        out.println("Experiment " + x.id() + " (" + x.kind() + ", " + x.status() + ")");
        out.println("Created:     " + RunsText.time(x.createdEpochMillis()) + " UTC");
        out.println("Results:     " + x.resultsFolder().orElse("(no folder recorded)"));
        List<StoredRun> runs = store.runsOf(x.id());
        out.println();
        out.println(runs.size() + " run(s):");
        TextTable t = new TextTable(List.of("id", "group", "run", "status", "levels", "peak total tok/s", "folder"));
        for (StoredRun r : runs) {
            t.row(List.of(r.id(), r.experiment().map(StoredRun.Membership::group).orElse(""),
                    r.experiment().map(m -> Integer.toString(m.index() + 1)).orElse(""), r.status().dbName(),
                    Long.toString(RunsText.measuredLevels(r)), Numbers.value(RunsText.peakTotalTokensPerSecond(r)),
                    r.resultsFolder().orElse("")));
        }
        out.print(t.render());
        List<StoredEval> checks = store.evals(x.id());
        if (!checks.isEmpty()) {
            out.println();
            out.println("Accuracy checks:");
            TextTable e = new TextTable(List.of("eval", "condition", "task", "items", "accuracy", "95 % CI (Wilson)"));
            for (StoredEval c : checks) {
                e.row(List.of(c.evalId(), c.condition().orElse(""), c.task(), Integer.toString(c.items()),
                        Numbers.percent(c.accuracy()), "[" + Numbers.percent(c.ci95Low()) + ", "
                                + Numbers.percent(c.ci95High()) + "]"));
            }
            out.print(e.render());
        }
        List<String> groups = runs.stream().flatMap(r -> r.experiment().stream()).map(StoredRun.Membership::group)
                .distinct().toList();
        if (groups.size() >= 2) {
            out.println();
            out.println("Compare its groups: servebench runs compare " + String.join(" ",
                    groups.stream().map(g -> x.id() + ":" + g).toList()));
        }
        if (showConfig) {
            out.println();
            out.println(x.paramsJson());
        }
    }

    private void showPlan(PrintWriter out, StoredExperiment plan) {
        out.println("Plan " + plan.id() + " (" + plan.status() + ")");
        out.println("Created:     " + RunsText.time(plan.createdEpochMillis()) + " UTC");
        out.println("Cluster:     " + plan.parameter("model").orElse("?") + " on " + plan.parameter("nodes").orElse("?")
                + " x " + plan.parameter("gpus_per_node").orElse("?") + " " + plan.parameter("gpu").orElse("?"));
        out.println("Results:     " + plan.resultsFolder().orElse("(no folder recorded)"));
        JsonNode document = plan.resultJson().map(RunsShowCommand::tree).orElse(null);
        if (document != null && document.path("decisions").isArray()) {
            out.println();
            out.println("Decision per concurrency (best shape meeting the SLO, and the runner-up):");
            TextTable t = new TextTable(List.of("concurrency", "best", "runner-up", "shapes meeting the SLO"));
            for (JsonNode d : document.path("decisions")) {
                t.row(List.of(d.path("concurrency").asText(), shape(d.path("best")), shape(d.path("runner_up")),
                        d.path("shapes_meeting_slo").asText()));
            }
            out.print(t.render());
        }
        if (showConfig) {
            out.println();
            out.println(plan.paramsJson());
        }
    }

    private static String shape(JsonNode point) {
        return point.isObject() ? point.path("shape").asText() : "none";
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            // A result this version cannot read still leaves the plan's parameters and folder to show.
            return null;
        }
    }

    private static void showEval(PrintWriter out, StoredEvalCheck check) {
        out.println("Eval " + check.id() + " (accuracy check, " + check.tasks().size() + " task(s))");
        out.println("Created:     " + RunsText.time(check.createdEpochMillis()) + " UTC");
        out.println("Target:      " + check.targetUrl() + ", model " + check.model());
        check.experimentId().ifPresent(x -> out.println("Experiment:  " + x
                + check.condition().map(c -> ", condition " + c).orElse("")));
        out.println("Results:     " + check.resultsFolder());
        out.println();
        out.print(EvalTables.accuracy(check.tasks().stream().map(e -> new TaskAccuracy(e.task(), e.taskFormat(),
                e.items(), e.correct(), e.failedRequests(), e.accuracy(), e.ci95Low(), e.ci95High())).toList()));
    }

    /** The seed the run's prompts came from, as its stored configuration holds it; empty for runs from before. */
    private static Optional<String> seed(StoredRun r) {
        try {
            var config = dev.servebench.json.Json.mapper().readTree(r.configJson());
            if (!config.path("seed").canConvertToLong()) {
                return Optional.empty();
            }
            String origin = config.path("seed_origin").asText("");
            return Optional.of("seed " + config.path("seed").asLong() + (origin.isEmpty() ? "" : " (" + origin + ")")
                    + "; servebench bench --seed " + config.path("seed").asLong() + " replays them");
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** For a run that has not recorded its end: what became of the process recording it. */
    private static Optional<String> process(StoredRun r) {
        if (r.process().isEmpty() || !(r.status() == dev.servebench.store.RunStatus.RUNNING || r.status() == dev.servebench.store.RunStatus.INTERRUPTED)) {
            return Optional.empty();
        }
        String pid = "Process:     pid " + r.process().get().pid();
        if (r.status() == dev.servebench.store.RunStatus.INTERRUPTED) {
            return Optional.of(pid + " ended without finishing the run (killed, crashed or powered off);"
                    + " the levels below are what it recorded");
        }
        return Optional.of(RunLiveness.here().recordedHere(r) ? pid + ", still running"
                : pid + " on " + r.environment().host() + ", another host: not checked from here");
    }

    static TextTable levels(List<StoredLevel> levels) {
        TextTable t = new TextTable(List.of("level", "reqs", "valid", "total tok/s", "out tok/s", "req/s", "p50 s",
                "p99 s", "TTFT p99 ms", "TPOT p99 ms", "status"));
        for (StoredLevel l : levels) {
            LevelMetrics m = l.metrics();
            t.row(List.of(l.key(), Integer.toString(m.requests()), Numbers.percent(m.successRate()),
                    Numbers.value(m.totalTokensPerSecond()), Numbers.value(m.outputTokensPerSecond()),
                    Numbers.value(m.requestsPerSecond()), Numbers.value(m.latencySeconds().p50()),
                    Numbers.value(m.latencySeconds().p99()), Numbers.value(m.ttftMillis().p99()),
                    Numbers.value(m.tpotMillis().p99()), l.status()));
        }
        return t;
    }
}
