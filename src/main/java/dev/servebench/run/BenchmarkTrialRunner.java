package dev.servebench.run;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpTarget;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.experiment.ExperimentStoppedException;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.experiment.Trial;
import dev.servebench.experiment.TrialOutcome;
import dev.servebench.experiment.TrialRunner;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs each trial as a full benchmark: over HTTP, or in process for the targets given an
 * executor of their own (a simulated deployment in virtual time). Each trial gets its own results
 * folder ({@code <experiment>/<NN>-<group>-<index>}) and, when a store is given, a database run
 * linked to the experiment.
 */
public final class BenchmarkTrialRunner implements TrialRunner {
    private final Function<TargetSpec, EndpointConfig> endpoints;
    private final Map<String, Supplier<LevelExecutor>> inProcess;
    private final Path experimentFolder;
    private final Optional<RunStore> store;
    private final Optional<String> experimentId;
    private final Optional<BenchmarkListener> progress;
    private final Interruption interruption;
    private final TokenizerChoice tokenizer;
    private final Consumer<String> log;
    /** Targets whose cache counters could not be read, said once each. */
    private final java.util.Set<String> unreadableCaches = new java.util.HashSet<>();
    private int sequence;

    /**
     * @param inProcess by target name, a fresh executor per trial for targets that run in this
     *                  process (each trial starts from a cold server, as a restarted one would)
     * @param interruption  the user's stop (Ctrl-C): the trial under way ends gracefully and is kept, then
     *                      {@link ExperimentStoppedException} ends the experiment before another trial starts
     * @param tokenizer     what counts prompt tokens on the HTTP targets (as {@code bench --tokenizer})
     * @param log           a line when a target's prompt-cache counters cannot be read
     */
    public BenchmarkTrialRunner(Function<TargetSpec, EndpointConfig> endpoints,
                                Map<String, Supplier<LevelExecutor>> inProcess, Path experimentFolder,
                                Optional<RunStore> store, Optional<String> experimentId,
                                Optional<BenchmarkListener> progress, Interruption interruption,
                                TokenizerChoice tokenizer, Consumer<String> log) {
        this.log = log;
        this.endpoints = endpoints;
        this.inProcess = Map.copyOf(inProcess);
        this.experimentFolder = experimentFolder;
        this.store = store;
        this.experimentId = experimentId;
        this.progress = progress;
        this.interruption = interruption;
        this.tokenizer = tokenizer;
    }

    @Override
    public TrialOutcome run(Trial trial) {
        if (interruption.requested()) {
            throw new ExperimentStoppedException(sequence);
        }
        sequence++;
        Path folder = RunFolders.trial(experimentFolder, sequence, trial.group(), trial.index());
        TargetSpec t = trial.target();
        TargetInfo info = new TargetInfo(t.name(), t.url().toString(), t.model());
        Supplier<LevelExecutor> local = inProcess.get(t.name());
        EndpointConfig endpoint = local == null ? endpoints.apply(t) : null;
        OpenAiClient client = endpoint == null ? null : new OpenAiClient(endpoint);
        RunContext context = new RunContext(RunKind.EXPERIMENT, Optional.of(folder.resolve(ResultsFolder.REQUESTS_FILE)),
                experimentId.map(x -> new StoredRun.Membership(x, trial.group(), trial.index())));
        try (client; Interruption.Registration cancel = client == null ? null
                : interruption.afterGrace(client::cancelInFlight);
             PromptCacheProbe cache = endpoint == null ? null : PromptCacheProbe.onTarget(endpoint, line -> {
                         if (unreadableCaches.add(t.name())) {
                             log.accept(t.name() + ": " + line);
                         }
                     })) {
            // Before the trial's folder exists: a target that cannot answer leaves nothing behind.
            HttpTarget http = client == null ? null : HttpTarget.prepare(client, trial.config(), tokenizer, line -> { });
            try (RunSession session = RunSession.start(folder, store, context, interruption)) {
                Benchmark.Builder builder = http == null ? session.benchmark(info, trial.config(), local.get())
                        : session.benchmark(info, trial.config(), http.executor()).prompts(http.prompts())
                        .promptCache(cache);
                progress.ifPresent(builder::listener);
                BenchmarkResult result = session.run(builder);
                // A run the database missed is in its folder; `runs import` records it later.
                Optional<String> runId = session.finish().runId();
                if (interruption.requested()) {
                    // Kept in its folder and the database as partial, but never analysed as a full trial.
                    throw new ExperimentStoppedException(sequence);
                }
                return new TrialOutcome(trial, result, runId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of run " + folder, e);
        }
    }
}
