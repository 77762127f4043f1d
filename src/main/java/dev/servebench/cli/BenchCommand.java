package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.BenchmarkPlan;
import dev.servebench.run.RunFolders;
import dev.servebench.run.RunSession;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.LevelStatus;
import dev.servebench.load.FileDescriptorBudget;
import dev.servebench.bench.Phase;
import dev.servebench.bench.HttpTarget;
import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.bench.SeedLine;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.TargetInfo;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.distributed.ClientSettings;
import dev.servebench.distributed.WorkerSetup;
import dev.servebench.metrics.ServerMetricsRecorder;
import dev.servebench.report.BenchmarkTables;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

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
        BenchmarkConfig config = workload.buildConfig();
        this.target.requireModelWithUrl();
        serverMetrics.check();
        distributed.check(this.target.url != null);
        if (out != null) {
            OutFolder.check(out);
        }
        // Before anything starts: a level the client cannot open sockets for would measure the client.
        // The built-in target serves from this process too: a socket at each end of every request.
        // With load workers, the client's sockets are theirs: here only the built-in target's.
        int socketsPerRequest = (this.target.url == null ? 1 : 0) + (distributed.enabled() ? 0 : 1);
        for (LevelSpec level : BenchmarkPlan.levels(config)) {
            FileDescriptorBudget.require(level.concurrency() * socketsPerRequest, level.phase() + " " + level.name());
        }
        AnswerLengths answers = answerLengths.answers();
        if (this.target.url != null && answerLengths.given()) {
            // A real server's answers end where its model stops; the flag would silently do nothing.
            throw new BadInputException("--answer-mean-tokens shapes the built-in target's answers only; "
                    + "drop it with --url (use --ignore-eos to force the server's answer lengths)");
        }
        List<String> failing = new java.util.ArrayList<>();
        Interruption interruption = new Interruption(Interruption.DEFAULT_GRACE);
        try (BuiltInTarget builtIn = this.target.url == null ? BuiltInTarget.start(this.target.model, answers) : null;
             RunStore store = db.open(stderr)) {
            URI base = builtIn != null ? builtIn.url() : this.target.url;
            String modelName = builtIn != null ? builtIn.model() : this.target.model;
            EndpointConfig endpoint = this.target.endpoint(base, modelName);
            // The built-in target listens on a port of this run only: recorded as what it is, not as a URL that
            // means nothing once the run is over.
            TargetInfo target = new TargetInfo(builtIn != null ? builtIn.name() : base.getHost() + ":" + base.getPort(),
                    builtIn != null ? "in-process" : endpoint.displayUrl(), modelName);
            Path folder = out != null ? out : RunFolders.defaultFolder(modelName);
            try (OpenAiClient client = new OpenAiClient(endpoint);
                 ServerMetricsRecorder recorder = serverMetrics.recorder(endpoint,
                         line -> stderr.println("servebench: " + line)).orElse(null);
                 PromptCacheProbe cacheProbe = serverMetrics.promptCacheProbe(endpoint,
                         line -> stderr.println("servebench: " + line))) {
                // The folder is named once it exists: a target that fails the preflight leaves none behind.
                stderr.println("servebench: benchmarking " + target.name() + " (" + target.url() + ")");
                stderr.println("servebench: prompts from " + SeedLine.of(config));
                if (recorder != null) {
                    stderr.println("servebench: server metrics from " + recorder.display() + " every "
                            + dev.servebench.bench.Durations.format(recorder.interval())
                            + ", and as each level starts and ends");
                }
                // Before the results folder exists: a target that cannot answer leaves nothing behind.
                HttpTarget prepared = HttpTarget.prepare(client, config, this.target.tokenizer,
                        line -> stderr.println("servebench: " + line));
                stderr.println("servebench: results in " + folder);
                interruption.afterGrace(client::cancelInFlight);
                try (LoadWorkers workers = distributed.enabled()
                        ? LoadWorkers.start(distributed, workerSetup(config, endpoint), endpoint, folder, stderr)
                        : null) {
                    if (workers != null) {
                        prepared = new HttpTarget(workers.executor(), prepared.prompts());
                        interruption.afterGrace(workers.executor()::cancelInFlight);
                    }
                    try (AutoCloseable signals = StopSignals.install(interruption, stderr)) {
                        // Workers stream the answers elsewhere: there, requests' tokens are counted as they end.
                        runAndPrint(prepared, target, config, folder, store, recorder, cacheProbe, failing,
                                interruption, workers == null ? client::answerChunksReceived : null, stdout, stderr);
                    }
                }
            }
            if (interruption.requested()) {
                stderr.println("servebench: interrupted: the levels that ran are in the tables, " + folder
                        + " and the report; exit code " + StopSignals.EXIT_INTERRUPTED);
                return StopSignals.EXIT_INTERRUPTED;
            }
            return exitCode(failing, stderr);
        }
    }

    /**
     * What the load workers are told: this run's workload as consolidated here, with the seed it drew (so their
     * prompts are this run's), and how this client talks to the server.
     */
    WorkerSetup workerSetup(BenchmarkConfig config, EndpointConfig endpoint) {
        return new WorkerSetup(workload.consolidated().with("seed", config.seed()),
                ClientSettings.of(endpoint, target.tokenizer), endpoint.baseUrl().toString(), endpoint.model(),
                endpoint.apiKey().isPresent() ? WorkerSetup.API_KEY_ENV : null);
    }

    /** Runs the benchmark into {@code folder} (which it creates), prints the tables and writes the report. */
    private void runAndPrint(HttpTarget prepared, TargetInfo target, BenchmarkConfig config, Path folder, RunStore store,
                             ServerMetricsRecorder recorder, PromptCacheProbe cacheProbe, List<String> failing,
                             Interruption interruption, java.util.function.LongSupplier liveChunks,
                             PrintWriter stdout, PrintWriter stderr)
            throws Exception {
        try (RunSession session = RunSession.start(folder, java.util.Optional.ofNullable(store),
                RunContext.bench(folder.resolve(ResultsFolder.REQUESTS_FILE)), interruption);
             ProgressDisplay progress = !quiet && Terminal.isInteractive() ? new ProgressDisplay(stderr, liveChunks) : null) {
            Benchmark.Builder builder = session.benchmark(target, config, prepared.executor())
                    .prompts(prepared.prompts()).serverMetrics(recorder).promptCache(cacheProbe);
            if (progress != null) {
                builder.listener(progress);
            } else if (!quiet) {
                builder.listener(new LevelLines(stderr));
            }
            builder.listener(new BenchmarkListener() {
                @Override
                public void onPhaseAbandoned(Phase phase, String why) {
                    stderr.println("servebench: " + phase + " given up, its remaining levels skipped: " + why);
                }

                @Override
                public void onLevelEnd(dev.servebench.bench.LevelResult result) {
                    result.workers().filter(w -> !w.allFinished()).ifPresent(w -> stderr.println("servebench: "
                            + result.spec().phase() + " " + result.spec().name() + ": " + w.finished() + " of "
                            + w.planned() + " load workers finished; at least " + w.lostInFlight() + " request(s) "
                            + "were in flight at the lost one(s), never recorded; the level holds the requests "
                            + "they recorded and is FAILING"));
                }
            });
            BenchmarkResult result = session.run(builder);
            result.levels().stream().filter(l -> l.verdict().status() == LevelStatus.FAILING)
                    .forEach(l -> failing.add(l.spec().phase() + " " + l.spec().name()));
            if (progress != null) {
                progress.close();
            }
            stdout.print(BenchmarkTables.render(result));
            resultsIncomplete = OutcomeLines.print(session.end(!report.noReport, java.util.Optional.empty(),
                    note -> stderr.println("servebench: " + note)), stdout, stderr);
        }
    }

    /**
     * Set when results could not all be written: the run then ends with {@link Main#EXIT_RESULTS_INCOMPLETE},
     * whatever its levels did, never 0 over lost results.
     */
    private boolean resultsIncomplete;

    /**
     * {@link Main#EXIT_RESULTS_INCOMPLETE} when results were lost, else {@link Main#EXIT_LEVEL_FAILING} when a level
     * was FAILING, so a CI pipeline can gate on the run.
     */
    private int exitCode(List<String> failing, PrintWriter stderr) {
        int failingExit = failingExit(failing, stderr);
        return resultsIncomplete ? Main.EXIT_RESULTS_INCOMPLETE : failingExit;
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
