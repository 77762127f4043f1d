package dev.servebench.cli;

import dev.servebench.bench.LevelMetric;
import dev.servebench.experiment.Numbers;
import dev.servebench.run.RunsCompare;
import dev.servebench.table.TextTable;
import dev.servebench.stats.SampleStatistics;
import dev.servebench.stats.Verdict;
import dev.servebench.store.RunComparison;
import dev.servebench.store.StoredRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs side by side per level, with differences; for repeated runs, Welch's t-test.",
        description = {"Each ID is a run, an experiment (all its runs, as one repeated sample) or",
            "EXPERIMENT:GROUP (one condition or target of an experiment). The first column is the reference."},
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs compare 20261123-011452-6415 20261123-011458-8486",
            "  servebench runs compare x20261123-002810-6099:on x20261123-002810-6099:off   # with Welch p-values"})
final class RunsCompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", arity = "2..*", description = "Two or more runs, experiments or EXPERIMENT:GROUP.")
    List<String> ids;

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC",
            defaultValue = "total-tokens-per-s,latency-p99-s,ttft-p99-ms",
            description = "Metrics to compare (default ${DEFAULT-VALUE}).")
    List<String> metrics;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05", description = "Significance level (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--force", description = "Compare runs whose workloads differ (lengths, forced output, prompts, "
            + "dataset, conversation): by default that is refused, naming the differences")
    boolean force;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunsCompare.Result compared = RunsCompare.compare(new RunsCompare.Options(db.readingLocation(), ids,
                metrics.stream().map(LevelMetric::parse).toList(), alpha, force));
        compared.differences().forEach(d -> out.println("warning: workloads differ: " + d));
        List<RunComparison.Group> groups = compared.groups();
        for (int i = 0; i < groups.size(); i++) {
            RunComparison.Group g = groups.get(i);
            StoredRun first = g.runs().getFirst();
            out.println((i == 0 ? "reference " : "          ") + g.label() + ": " + first.target().name() + ", model "
                    + first.target().model() + ", " + g.runs().size() + " run(s), started "
                    + RunsText.time(first.startedEpochMillis()) + " UTC");
        }
        for (LevelMetric metric : compared.metrics()) {
            out.println();
            out.println(metric.label() + (metric.higherIsBetter() ? " (higher is better)" : " (lower is better)"));
            out.print(table(groups, compared.rows(metric), compared.repeated()).render());
        }
        if (!compared.repeated()) {
            out.println();
            out.println("Single runs: differences only. Compare repeated runs (experiment ids) for significance.");
        }
        return 0;
    }

    private static TextTable table(List<RunComparison.Group> groups, List<RunComparison.Row> rows, boolean repeated) {
        List<String> headers = new ArrayList<>(List.of("level"));
        groups.forEach(g -> headers.add(g.label()));
        for (int i = 1; i < groups.size(); i++) {
            headers.add("diff " + (groups.size() > 2 ? groups.get(i).label() : ""));
            if (repeated) {
                headers.add("p " + (groups.size() > 2 ? groups.get(i).label() : ""));
                headers.add("verdict" + (groups.size() > 2 ? " " + groups.get(i).label() : ""));
            }
        }
        TextTable t = new TextTable(headers.stream().map(String::strip).toList());
        for (RunComparison.Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.level()));
            for (Optional<SampleStatistics> s : row.perGroup()) {
                cells.add(s.map(RunsCompareCommand::cell).orElse("—"));
            }
            for (Optional<RunComparison.Comparison> c : row.vsFirst()) {
                cells.add(c.map(x -> Numbers.signedPercent(x.differencePercent())).orElse("—"));
                if (repeated) {
                    cells.add(c.map(x -> Numbers.pValue(x.pValue())).orElse("—"));
                    cells.add(c.map(x -> x.verdict() == Verdict.TOO_FEW_RUNS ? "—" : x.verdict().label()).orElse("—"));
                }
            }
            t.row(cells);
        }
        return t;
    }

    private static String cell(SampleStatistics s) {
        return s.n() == 1 ? Numbers.value(s.mean())
                : Numbers.value(s.mean()) + " ± " + Numbers.value(s.ciHalfWidth()) + " (n=" + s.n() + ")";
    }
}
