package dev.servebench.cli;

import dev.servebench.json.Json;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.experiment.Numbers;
import dev.servebench.table.TextTable;
import dev.servebench.store.RunLiveness;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredLevel;
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

@Command(name = "show", mixinStandardHelpOptions = true, header = "One run: target, environment, per-level figures.",
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs show 20261123-011452-6415", "  servebench runs show 20261123-0114   # a unique prefix"})
final class RunsShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Run id or unique prefix.")
    String id;

    @Option(names = "--config", description = "Also print the benchmark configuration (JSON).")
    boolean showConfig;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = db.openForReading()) {
            StoredRun r = RunsCompareCommand.run(store, id);
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
            out.println("Requests:    " + r.requestsFile().orElse("(not written)"));
            seed(r).ifPresent(line -> out.println("Prompts:     " + line));
            out.println();
            out.print(levels(r.levels()).render());
            if (showConfig) {
                out.println();
                out.println(r.configJson());
            }
        }
        return 0;
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
