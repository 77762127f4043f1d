package dev.servebench.run;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkPlan;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.Durations;
import dev.servebench.bench.HttpTarget;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.LevelStatus;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.bench.SeedLine;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.WorkloadFile;
import dev.servebench.client.ApiKey;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.distributed.ClientSettings;
import dev.servebench.distributed.WorkerSetup;
import dev.servebench.load.FileDescriptorBudget;
import dev.servebench.metrics.ServerMetricsRecorder;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunStore;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code bench}: the progressive benchmark against one endpoint, from a prepared target to a finished results folder,
 * database record and report. The command line builds the {@link Options} and prints the {@link Result}; everything
 * between (preflight, prompts, load workers, interruption, the session) happens here.
 */
public final class BenchRun {

    /**
     * Where the requests go.
     *
     * @param name      how the run names it
     * @param url       its base URL
     * @param model     the model name to send
     * @param inProcess whether it is the built-in target, serving from this process on a port of this run only
     */
    public record Target(String name, URI url, String model, boolean inProcess) {
        /** A server the user named. */
        public static Target server(URI url, String model) {
            return new Target(url.getHost() + ":" + url.getPort(), url, model, false);
        }
    }

    /**
     * One benchmark, immutable.
     *
     * @param target        where the requests go
     * @param client        how the client talks to it
     * @param apiKey        the key to send, if any
     * @param config        the benchmark, consolidated and seeded
     * @param workload      the same settings as workload keys: what load workers are told
     * @param folder        the results folder (created by the run; must not hold earlier results)
     * @param serverMetrics where the server's own metrics are read
     * @param workers       the load workers, when the load is spread over several processes
     * @param store         the results database, when recording
     * @param writeReport   whether to write report.html and tables/
     */
    public record Options(Target target, ClientSettings client, Optional<ApiKey> apiKey, BenchmarkConfig config,
                          WorkloadFile workload, Path folder, ServerMetricsSetup serverMetrics,
                          Optional<WorkerFleetPlan> workers, Optional<RunStore> store, boolean writeReport) {
        EndpointConfig endpoint() {
            EndpointConfig endpoint = client.endpoint(target.url(), target.model());
            return apiKey.map(endpoint::withApiKey).orElse(endpoint);
        }
    }

    /** What the caller shows while the run goes on. */
    public interface Observer {
        /** A line of news for the user (without the program's prefix). */
        void say(String line);

        /**
         * The progress view for the run's levels; {@code liveOutputChunks} counts answer chunks as they arrive when this
         * process streams the answers (not with load workers).
         */
        BenchmarkListener progress(Optional<LongSupplier> liveOutputChunks);

        /** The levels are over: a live view ends here, before the caller prints its tables. */
        void levelsEnded();
    }

    /**
     * A finished run.
     *
     * @param result        every level's typed result
     * @param ended         the finished session: results folder, database record, report
     * @param failingLevels the levels whose verdict was FAILING, by phase and name
     * @param interrupted   whether Ctrl-C (or SIGTERM) stopped it
     */
    public record Result(BenchmarkResult result, RunSession.Ended ended, List<String> failingLevels,
                         boolean interrupted) {
    }

    private BenchRun() {
    }

    /**
     * Runs the benchmark. Signals are the run's while it runs: the first Ctrl-C stops it gracefully, the second at
     * once. {@code err} gets the signal messages.
     */
    public static Result run(Options options, Observer observer, PrintWriter err) throws Exception {
        BenchmarkConfig config = options.config();
        requireSockets(config, options.target().inProcess(), options.workers().isPresent());
        Interruption interruption = new Interruption(Interruption.DEFAULT_GRACE);
        EndpointConfig endpoint = options.endpoint();
        // The built-in target listens on a port of this run only: recorded as what it is, not as a URL that
        // means nothing once the run is over.
        TargetInfo target = new TargetInfo(options.target().name(),
                options.target().inProcess() ? "in-process" : endpoint.displayUrl(), options.target().model());
        try (OpenAiClient client = new OpenAiClient(endpoint);
             ServerMetricsRecorder recorder = options.serverMetrics().recorder(endpoint, observer::say).orElse(null);
             PromptCacheProbe cacheProbe = options.serverMetrics().promptCacheProbe(endpoint, observer::say)) {
            observer.say("benchmarking " + target.name() + " (" + target.url() + ")");
            observer.say("prompts from " + SeedLine.of(config));
            if (recorder != null) {
                observer.say("server metrics from " + recorder.display() + " every "
                        + Durations.format(recorder.interval()) + ", and as each level starts and ends");
            }
            // Before the results folder exists: a target that cannot answer leaves nothing behind.
            HttpTarget prepared = HttpTarget.prepare(client, config, options.client().tokenizer(), observer::say);
            observer.say("results in " + options.folder());
            interruption.afterGrace(client::cancelInFlight);
            try (LoadWorkers workers = options.workers().isPresent() ? LoadWorkers.start(options.workers().get(),
                    workerSetup(options), endpoint, options.folder(), err) : null) {
                if (workers != null) {
                    prepared = new HttpTarget(workers.executor(), prepared.prompts());
                    interruption.afterGrace(workers.executor()::cancelInFlight);
                }
                try (AutoCloseable signals = StopSignals.install(interruption, err)) {
                    // Workers stream the answers elsewhere: there, requests' tokens are counted as they end.
                    Optional<LongSupplier> liveChunks = workers == null ? Optional.of(client::answerChunksReceived)
                            : Optional.empty();
                    return runSession(options, prepared, target, recorder, cacheProbe, interruption, liveChunks,
                            observer);
                }
            }
        }
    }

    /**
     * Before anything starts: a level the client cannot open sockets for would measure the client. The built-in
     * target serves from this process too (a socket at each end of every request); with load workers, the
     * client's sockets are theirs.
     */
    private static void requireSockets(BenchmarkConfig config, boolean inProcessTarget, boolean workers) {
        int socketsPerRequest = (inProcessTarget ? 1 : 0) + (workers ? 0 : 1);
        for (LevelSpec level : BenchmarkPlan.levels(config)) {
            FileDescriptorBudget.require(level.concurrency() * socketsPerRequest, level.phase() + " " + level.name());
        }
    }

    /**
     * What the load workers are told: this run's workload as consolidated, with the seed it drew (so their prompts
     * are this run's), and how this client talks to the server.
     */
    public static WorkerSetup workerSetup(Options options) {
        EndpointConfig endpoint = options.endpoint();
        return new WorkerSetup(options.workload().with("seed", options.config().seed()), options.client(),
                endpoint.baseUrl().toString(), endpoint.model(),
                endpoint.apiKey().isPresent() ? WorkerSetup.API_KEY_ENV : null);
    }

    private static Result runSession(Options options, HttpTarget prepared, TargetInfo target,
                                     ServerMetricsRecorder recorder, PromptCacheProbe cacheProbe,
                                     Interruption interruption, Optional<LongSupplier> liveChunks, Observer observer)
            throws Exception {
        Path folder = options.folder();
        try (RunSession session = RunSession.start(folder, options.store(),
                RunContext.bench(folder.resolve(ResultsFolder.REQUESTS_FILE)), interruption)) {
            Benchmark.Builder builder = session.benchmark(target, options.config(), prepared.executor())
                    .prompts(prepared.prompts()).serverMetrics(recorder).promptCache(cacheProbe)
                    .listener(observer.progress(liveChunks))
                    .listener(new BenchmarkListener() {
                        @Override
                        public void onPhaseAbandoned(Phase phase, String why) {
                            observer.say(phase + " given up, its remaining levels skipped: " + why);
                        }

                        @Override
                        public void onLevelEnd(LevelResult result) {
                            result.workers().filter(w -> !w.allFinished()).ifPresent(w -> observer.say(
                                    result.spec().phase() + " " + result.spec().name() + ": " + w.finished() + " of "
                                    + w.planned() + " load workers finished; at least " + w.lostInFlight()
                                    + " request(s) were in flight at the lost one(s), never recorded; the level "
                                    + "holds the requests they recorded and is FAILING"));
                        }
                    });
            BenchmarkResult result = session.run(builder);
            observer.levelsEnded();
            List<String> failing = new ArrayList<>();
            result.levels().stream().filter(l -> l.verdict().status() == LevelStatus.FAILING)
                    .forEach(l -> failing.add(l.spec().phase() + " " + l.spec().name()));
            RunSession.Ended ended = session.end(options.writeReport(), Optional.empty(), observer::say);
            return new Result(result, ended, List.copyOf(failing), interruption.requested());
        }
    }
}
