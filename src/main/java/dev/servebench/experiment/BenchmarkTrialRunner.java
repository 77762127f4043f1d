package dev.servebench.experiment;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.Preflight;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.run.RunFolders;
import dev.servebench.run.RunSession;
import dev.servebench.store.ResultsFolder;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
    private int sequence;

    /**
     * @param inProcess by target name, a fresh executor per trial for targets that run in this
     *                  process (each trial starts from a cold server, as a restarted one would)
     */
    public BenchmarkTrialRunner(Function<TargetSpec, EndpointConfig> endpoints,
                                Map<String, Supplier<LevelExecutor>> inProcess, Path experimentFolder,
                                Optional<RunStore> store, Optional<String> experimentId,
                                Optional<BenchmarkListener> progress) {
        this.endpoints = endpoints;
        this.inProcess = Map.copyOf(inProcess);
        this.experimentFolder = experimentFolder;
        this.store = store;
        this.experimentId = experimentId;
        this.progress = progress;
    }

    @Override
    public TrialOutcome run(Trial trial) {
        sequence++;
        Path folder = RunFolders.trial(experimentFolder, sequence, trial.group(), trial.index());
        TargetSpec t = trial.target();
        TargetInfo info = new TargetInfo(t.name(), t.url().toString(), t.model());
        Supplier<LevelExecutor> local = inProcess.get(t.name());
        OpenAiClient client = local == null ? new OpenAiClient(endpoints.apply(t)) : null;
        RunContext context = new RunContext(RunKind.EXPERIMENT, Optional.of(folder.resolve(ResultsFolder.REQUESTS_FILE)),
                experimentId.map(x -> new StoredRun.Membership(x, trial.group(), trial.index())));
        try (client) {
            if (client != null) {
                // Before the trial's folder exists: a target that cannot answer leaves nothing behind.
                Preflight.check(client);
            }
            try (RunSession session = RunSession.start(folder, store, context, Interruption.none())) {
                Benchmark.Builder builder = session.benchmark(info, trial.config(),
                        local == null ? new HttpLevelExecutor(client) : local.get());
                if (client != null) {
                    builder.prompts(PromptPlans.prepare(trial.config(), client, TokenizerChoice.AUTO, line -> { }));
                }
                progress.ifPresent(builder::listener);
                BenchmarkResult result = session.run(builder);
                // A run the database missed is in its folder; `runs import` records it later.
                return new TrialOutcome(trial, result, session.finish().runId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of run " + folder, e);
        }
    }
}
