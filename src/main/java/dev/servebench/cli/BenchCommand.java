package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.WorkloadFile;
import dev.servebench.report.BenchmarkTables;
import dev.servebench.run.BenchRun;
import dev.servebench.run.RunFolders;
import dev.servebench.run.StopSignals;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs the progressive benchmark against an OpenAI-compatible endpoint (or the built-in target).",
        description = {
            "Runs the progressive benchmark (WARMUP, BASELINE, SCALING, STRESS, SATURATION) against one",
            "OpenAI-compatible endpoint, or against the built-in target when --url is not given.",
            "Every request is appended to <out>/requests.jsonl as it ends; <out>/summary.json holds",
            "per-level metrics and statuses (schema: docs/summary-schema.md). At the end it writes",
            "<out>/report.html (self-contained charts) and <out>/tables/ (Markdown and CSV) unless --no-report."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # The whole pipeline against the built-in target, no GPU needed:",
            "  servebench bench",
            "  # A vLLM or llama.cpp server, forcing 64 output tokens per request:",
            "  servebench bench --url http://127.0.0.1:8080 --model m --phases warmup,baseline,scaling \\",
            "      --scaling 1,4,8 --input-tokens 128 --output-tokens 64 --ignore-eos",
            "  # Saturation only, 40,000 requests at 2,000 concurrent streams, results in ./sat:",
            "  servebench bench --url http://127.0.0.1:8000 --model m --phases saturation --saturation 2000 \\",
            "      --requests 40000 --input-tokens 16 --output-tokens 16 --out sat",
            "  # Open-loop Poisson arrivals at 2, 5 and 10 req/s with goodput under SLOs:",
            "  servebench bench --url http://127.0.0.1:8000 --model m --phases scaling --rates 2,5,10 \\",
            "      --slo ttft=2s,tpot=50ms",
            "  # With the server's own view (queue depth, KV-cache usage, its TTFT) from its /metrics every 500 ms:",
            "  servebench bench --url http://127.0.0.1:8000 --model m --phases scaling --scaling 8,32,128 \\",
            "      --server-metrics --metrics-interval 500ms",
            "  # The load from 4 worker processes on this machine, merged exactly (percentiles over all requests):",
            "  servebench bench --url http://127.0.0.1:8000 --model m --phases scaling --scaling 100,400 --workers 4",
            "  # The load from 8 pods inside the cluster (docs/kubernetes.md; the key goes to them in a Secret):",
            "  servebench bench --url http://vllm.serving.svc:8000 --model m --api-key-env VLLM_API_KEY --workers 8 \\",
            "      --k8s --image registry.example/servebench:0.1.0 --namespace bench --worker-cpu 4 --worker-memory 4Gi",
            "  # Everything from a file (flags still override it):",
            "  servebench bench --workload workload.yaml --url http://127.0.0.1:8000 --model m"})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    EndpointOptions target;

    @Mixin
    WorkloadOptions workload;

    @Mixin
    DbOptions db;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default results/<date>-<time>-<model>). Must not hold earlier results.")
    Path out;

    @Option(names = "--quiet", description = "No progress: neither the live display on a terminal nor, elsewhere (CI "
            + "logs, | tee), the line per finished level.")
    boolean quiet;

    @Mixin
    AnswerLengthOptions answerLengths;

    @Mixin
    ServerMetricsOptions serverMetrics;

    @Mixin
    ReportOptions report;

    @Mixin
    DistributedOptions distributed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        // Read once: the workers are told these very settings, so a workload file edited mid-start cannot make
        // them differ from the coordinator's.
        WorkloadFile settings = workload.consolidated();
        BenchmarkConfig config = settings.toConfigBuilder().drawSeedUnlessGiven().build();
        this.target.requireModelWithUrl();
        serverMetrics.check();
        distributed.check(this.target.url != null);
        if (out != null) {
            OutFolder.check(out);
        }
        AnswerLengths answers = answerLengths.answers();
        if (this.target.url != null && answerLengths.given()) {
            // A real server's answers end where its model stops; the flag would silently do nothing.
            throw new BadInputException("--answer-mean-tokens shapes the built-in target's answers only; "
                    + "drop it with --url (use --ignore-eos to force the server's answer lengths)");
        }
        try (BuiltInTarget builtIn = this.target.url == null ? BuiltInTarget.start(this.target.model, answers) : null;
             RunStore store = db.open(stderr)) {
            BenchRun.Target runTarget = builtIn != null
                    ? new BenchRun.Target(builtIn.name(), builtIn.url(), builtIn.model(), true)
                    : BenchRun.Target.server(this.target.url, this.target.model);
            BenchRun.Options options = options(runTarget, settings, config, Optional.ofNullable(store));
            BenchRun.Result run = BenchRun.run(options, new Progress(stderr), stderr);
            stdout.print(BenchmarkTables.render(run.result()));
            boolean resultsIncomplete = OutcomeLines.print(run.ended(), stdout, stderr);
            if (run.interrupted()) {
                stderr.println("servebench: interrupted: the levels that ran are in the tables, " + options.folder()
                        + " and the report; exit code " + StopSignals.EXIT_INTERRUPTED);
                return StopSignals.EXIT_INTERRUPTED;
            }
            int failingExit = failingExit(run.failingLevels(), stderr);
            // Never 0 over lost results, whatever the levels did.
            return resultsIncomplete ? Main.EXIT_RESULTS_INCOMPLETE : failingExit;
        }
    }

    /** The run these flags describe, against {@code runTarget}. */
    BenchRun.Options options(BenchRun.Target runTarget, WorkloadFile settings, BenchmarkConfig config,
                             Optional<RunStore> store) {
        return new BenchRun.Options(runTarget, target.clientSettings(), target.apiKey(), config,
                settings, out != null ? out : RunFolders.defaultFolder(runTarget.model()),
                serverMetrics, distributed.enabled() ? Optional.of(distributed.plan()) : Optional.empty(), store,
                !report.noReport);
    }

    /** The progress bench shows: a live display on a terminal, a line per finished level elsewhere, or none. */
    private final class Progress implements BenchRun.Observer {
        private final PrintWriter stderr;
        private ProgressDisplay display;

        Progress(PrintWriter stderr) {
            this.stderr = stderr;
        }

        @Override
        public void say(String line) {
            stderr.println("servebench: " + line);
        }

        @Override
        public BenchmarkListener progress(Optional<LongSupplier> liveOutputChunks) {
            if (quiet) {
                return new BenchmarkListener() {
                };
            }
            if (Terminal.isInteractive()) {
                display = new ProgressDisplay(stderr, liveOutputChunks.orElse(null));
                return display;
            }
            return new LevelLines(stderr);
        }

        @Override
        public void levelsEnded() {
            if (display != null) {
                display.close();
            }
        }
    }

    /** {@link Main#EXIT_LEVEL_FAILING} when a level was FAILING, so a CI pipeline can gate on the run. */
    static int failingExit(List<String> failing, PrintWriter stderr) {
        if (failing.isEmpty()) {
            return 0;
        }
        stderr.println("servebench: " + failing.size() + " level(s) FAILING (" + String.join(", ", failing)
                + "); exit code " + Main.EXIT_LEVEL_FAILING);
        return Main.EXIT_LEVEL_FAILING;
    }

}
