package dev.servebench.cli;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.eval.EvalTables;
import dev.servebench.eval.TaskAccuracy;
import dev.servebench.experiment.Numbers;
import dev.servebench.run.MeasuredRun;
import dev.servebench.run.RunsShow;
import dev.servebench.store.StoredEval;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredRun;
import dev.servebench.table.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
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
        switch (RunsShow.show(new RunsShow.Options(db.readingLocation(), id))) {
            case RunsShow.RunShown r -> showRun(out, r);
            case RunsShow.ExperimentShown x -> showExperiment(out, x);
            case RunsShow.PlanShown p -> showPlan(out, p);
            case RunsShow.EvalShown e -> showEval(out, e.check());
        }
        return 0;
    }

    private void showRun(PrintWriter out, RunsShow.RunShown shown) {
        StoredRun r = shown.run();
        out.println("Run " + r.id() + " (" + r.kind().dbName() + ", " + r.status() + ")");
        out.println("Target:      " + r.target().name() + " — " + r.target().url() + ", model " + r.target().model());
        out.println("Started:     " + RunsText.time(r.startedEpochMillis()) + " UTC"
                + (r.finishedEpochMillis().isPresent() ? ", finished " + RunsText.time(r.finishedEpochMillis().getAsLong())
                + " UTC" : ""));
        out.println("Environment: " + r.environment().name() + " " + r.environment().version() + ", "
                + r.environment().javaVersion() + ", " + r.environment().os() + ", host " + r.environment().host()
                + " (" + r.environment().cpus() + " CPUs)");
        shown.process().ifPresent(p -> out.println(process(p, r)));
        r.experiment().ifPresent(m -> out.println("Experiment:  " + m.experimentId() + ", group " + m.group()
                + ", run " + (m.index() + 1)));
        out.println("Results:     " + r.resultsFolder().orElse("(no folder recorded)"));
        out.println("Requests:    " + r.requestsFile().orElse("(not written)"));
        shown.seed().ifPresent(s -> out.println("Prompts:     seed " + s.seed() + (s.origin().isEmpty() ? "" : " ("
                + s.origin() + ")") + "; servebench bench --seed " + s.seed() + " replays them"));
        out.println();
        out.print(levels(r.levels()).render());
        if (showConfig) {
            out.println();
            out.println(r.configJson());
        }
    }

    private void showExperiment(PrintWriter out, RunsShow.ExperimentShown shown) {
        StoredExperiment x = shown.experiment();
        out.println("Experiment " + x.id() + " (" + x.kind() + ", " + x.status() + ")");
        out.println("Created:     " + RunsText.time(x.createdEpochMillis()) + " UTC");
        out.println("Results:     " + x.resultsFolder().orElse("(no folder recorded)"));
        out.println();
        out.println(shown.runs().size() + " run(s):");
        TextTable t = new TextTable(List.of("id", "group", "run", "status", "levels", "peak total tok/s", "folder"));
        for (MeasuredRun m : shown.runs()) {
            StoredRun r = m.run();
            t.row(List.of(r.id(), r.experiment().map(StoredRun.Membership::group).orElse(""),
                    r.experiment().map(e -> Integer.toString(e.index() + 1)).orElse(""), r.status().dbName(),
                    Long.toString(m.measuredLevels()), Numbers.value(m.peakTotalTokensPerSecond()),
                    r.resultsFolder().orElse("")));
        }
        out.print(t.render());
        if (!shown.checks().isEmpty()) {
            out.println();
            out.println("Accuracy checks:");
            TextTable e = new TextTable(List.of("eval", "condition", "task", "items", "accuracy", "95 % CI (Wilson)"));
            for (StoredEval c : shown.checks()) {
                e.row(List.of(c.evalId(), c.condition().orElse(""), c.task(), Integer.toString(c.items()),
                        Numbers.percent(c.accuracy()), "[" + Numbers.percent(c.ci95Low()) + ", "
                                + Numbers.percent(c.ci95High()) + "]"));
            }
            out.print(e.render());
        }
        if (shown.groups().size() >= 2) {
            out.println();
            out.println("Compare its groups: servebench runs compare " + String.join(" ",
                    shown.groups().stream().map(g -> x.id() + ":" + g).toList()));
        }
        if (showConfig) {
            out.println();
            out.println(x.paramsJson());
        }
    }

    private void showPlan(PrintWriter out, RunsShow.PlanShown shown) {
        StoredExperiment plan = shown.plan();
        out.println("Plan " + plan.id() + " (" + plan.status() + ")");
        out.println("Created:     " + RunsText.time(plan.createdEpochMillis()) + " UTC");
        out.println("Cluster:     " + plan.parameter("model").orElse("?") + " on " + plan.parameter("nodes").orElse("?")
                + " x " + plan.parameter("gpus_per_node").orElse("?") + " " + plan.parameter("gpu").orElse("?"));
        out.println("Results:     " + plan.resultsFolder().orElse("(no folder recorded)"));
        shown.decisions().ifPresent(decisions -> {
            out.println();
            out.println("Decision per concurrency (best shape meeting the SLO, and the runner-up):");
            TextTable t = new TextTable(List.of("concurrency", "best", "runner-up", "shapes meeting the SLO"));
            decisions.forEach(d -> t.row(List.of(d.concurrency(), d.best().orElse("none"), d.runnerUp().orElse("none"),
                    d.shapesMeetingSlo())));
            out.print(t.render());
        });
        if (showConfig) {
            out.println();
            out.println(plan.paramsJson());
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

    private static String process(RunsShow.Process p, StoredRun r) {
        String pid = "Process:     pid " + p.pid();
        return switch (p.fate()) {
            case ENDED -> pid + " ended without finishing the run (killed, crashed or powered off);"
                    + " the levels below are what it recorded";
            case RUNNING -> pid + ", still running";
            case NOT_CHECKED -> pid + " on " + r.environment().host() + ", another host: not checked from here";
        };
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
