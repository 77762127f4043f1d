package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.advise.AdviceRefusedException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TargetInfo;
import dev.servebench.report.AdvisorPlan;
import dev.servebench.report.AdvisorPlans;
import dev.servebench.results.ResultsFolder;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.predict.VirtualBackend;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.study.StudyComparison;
import dev.servebench.sim.study.StudyPreset;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStore;
import dev.servebench.store.WriteRetry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code predict}: the progressive benchmark against the simulated engine in virtual time, through the same
 * session as a measured run (results folder, database record, report), so a prediction leaves the files a
 * {@code bench} run leaves. The caller parses and prints; this runs.
 */
public final class PredictRun {
    private PredictRun() {
    }

    /**
     * What to predict.
     *
     * @param deployment     the simulated instance (with {@code study}, the study's deployment)
     * @param gpusPerNode    GPUs in a node: what the report's advisor plan is for, and a cluster's node size
     * @param study          reproduce this study's rows: its workload replaces {@code workload}'s (only the phases
     *                       are read) and its executor the deployment's
     * @param cluster        many instances behind a router instead of one
     * @param decodeOnly     every prompt's KV cache preloaded: TTFT is one decode step
     * @param workload       the benchmark settings as given (levels, tokens, phases)
     * @param requestTimeout a request still unanswered after this much virtual time times out
     * @param folder         the results folder; must not hold earlier results
     * @param database       the results database to record the run in; empty: none
     */
    public record Options(SimulatedDeployment deployment, int gpusPerNode, Optional<StudyPreset> study,
                          Optional<Cluster> cluster, boolean decodeOnly, BenchmarkConfig workload,
                          ImageTokens imageTokens, AnswerLengths answers, Duration requestTimeout, Path folder,
                          boolean writeReport, Optional<DatabaseLocation> database) {
        public Options {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(folder, "folder");
            if (study.isPresent()) {
                studyPhases(workload.phases());
                if (cluster.isPresent()) {
                    throw new BadInputException("--study reproduces the study's single node; drop "
                            + "--replicas/--disaggregate");
                }
            }
        }
    }

    /**
     * A simulated cluster and the nodes it was placed on (for the target's name). It holds its engines' state, so
     * an {@link Options} with a cluster predicts once.
     */
    public record Cluster(SimulatedCluster simulated, int nodes) {
    }

    /**
     * What a prediction left.
     *
     * @param study          each level next to the study's row, when a study was reproduced
     * @param elapsed        wall time of the prediction itself, before the report was written
     * @param uncalibrated   the line a prediction on a kernel path not calibrated on this GPU must carry
     * @param ended          the finished session: folder, database record, report
     */
    public record Result(BenchmarkResult benchmark, Optional<StudyRows> study, Duration elapsed, Footprint footprint,
                         Optional<String> uncalibrated, RunSession.Ended ended) {
        public Path folder() {
            return ended.outcome().folder();
        }
    }

    /** The study's rows next to the predicted levels; {@code studyName} as the study spells the model. */
    public record StudyRows(String studyName, List<StudyComparison> rows) {
    }

    /** The simulated instance's memory and kernels, as vLLM would log them at start-up. */
    public record Footprint(long kvCapacityTokens, int kvBlocks, int blockSize, long weightBytesPerGpu,
                            String kernelPath) {
        static Footprint of(SimulatedDeployment d) {
            return new Footprint(d.engineConfig().kvCapacityTokens(), d.engineConfig().kvBlocks(),
                    d.engineConfig().blockSize(), d.weightBytesPerGpu(), d.kernelPath().key());
        }

        public double weightGibPerGpu() {
            return weightBytesPerGpu / (1024.0 * 1024 * 1024);
        }
    }

    /** {@code results/<date>-<time>-predict-<model>}: where a prediction goes when no folder is given. */
    public static Path defaultFolder(SimulatedDeployment deployment) {
        return RunFolders.defaultFolder("predict-" + deployment.model().name());
    }

    /** The phases of {@code asked} a study has rows for; bad input when none. */
    public static Set<Phase> studyPhases(Set<Phase> asked) {
        Set<Phase> phases = StudyPreset.studyPhases(asked);
        if (phases.isEmpty()) {
            throw new BadInputException("--study reproduces the study's scaling rows and its peak; give --phases "
                    + "scaling, saturation or scaling,saturation");
        }
        return phases;
    }

    /**
     * Predicts, writes the results folder (and the report unless told not to) and records the run;
     * {@code notes} hears what is worth a line on the way (a busy database, lines the report skipped).
     */
    public static Result run(Options options, Consumer<String> notes) throws IOException {
        SimulatedDeployment d = options.deployment();
        Optional<StudyPreset> study = options.study();
        Set<Phase> studyPhases = StudyPreset.studyPhases(options.workload().phases());
        BenchmarkConfig.Builder config = study.isPresent()
                ? study.get().config(studyPhases, d.activeParamsBillions()).toBuilder()
                // Virtual time: a pause between phases would only be waited out on the wall clock.
                : options.workload().toBuilder().cooldown(Duration.ZERO);
        if (options.workload().activeParamsBillions().isEmpty()) {
            config.activeParamsBillions(d.activeParamsBillions());
        }
        Path folder = options.folder();
        long startedNanos = System.nanoTime();
        try (RunStore store = options.database().map(l -> RunStore.open(l, WriteRetry.DEFAULT, notes)).orElse(null);
             RunSession session = RunSession.start(folder, Optional.ofNullable(store), new RunContext(RunKind.PREDICT,
                     Optional.of(folder.resolve(ResultsFolder.REQUESTS_FILE)), Optional.empty()),
                     Interruption.none())) {
            Benchmark.Builder builder = session.benchmark(target(options), config.build(), executor(options));
            study.ifPresent(s -> s.configure(builder, studyPhases));
            BenchmarkResult result = session.run(builder);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            Optional<StudyRows> rows = study.map(s -> new StudyRows(s.model().studyName(), s.compare(result)));
            RunSession.Ended ended = session.end(options.writeReport(),
                    options.writeReport() ? advice(d, options.gpusPerNode()) : Optional.empty(), notes);
            return new Result(result, rows, elapsed, Footprint.of(d), d.uncalibrated(), ended);
        }
    }

    /** A fresh simulated server for each prediction, so that predictions repeat. */
    private static VirtualLevelExecutor executor(Options options) {
        SimulatedDeployment d = options.deployment();
        PromptEncoder encoder = new PromptEncoder(options.imageTokens(), options.answers());
        VirtualLevelExecutor executor = options.study().isPresent() ? options.study().get().executor(d)
                : new VirtualLevelExecutor(options.cluster().map(c -> VirtualBackend.cluster(c.simulated()))
                .orElseGet(() -> VirtualBackend.single(d.newEngine(), d.stepTime())), level -> encoder,
                options.requestTimeout());
        return options.decodeOnly() ? executor.decodeOnly() : executor;
    }

    private static TargetInfo target(Options options) {
        SimulatedDeployment d = options.deployment();
        String name = d.model().name();
        String shape = options.cluster().map(c -> c.simulated().shape().label() + " on " + c.nodes() + " x "
                        + options.gpusPerNode() + " " + d.accelerator().id())
                .orElse(d.options().tensorParallel() + " x " + d.accelerator().id() + ", TP "
                        + d.options().tensorParallel());
        return new TargetInfo(String.format(Locale.ROOT, "predicted: %s on %s%s%s (virtual time)", name, shape,
                options.decodeOnly() ? ", decode only" : "", options.answers().describe()),
                "virtual://" + d.accelerator().id(), name);
    }

    /** The advisor's plan for the simulated model and GPUs, for the report; none if the advisor refuses. */
    private static Optional<AdvisorPlan> advice(SimulatedDeployment d, int gpus) {
        try {
            return Optional.of(AdvisorPlans.from(Advisor.plan(AdviseRequest.of(d.model(), d.accelerator(), gpus))));
        } catch (AdviceRefusedException e) {
            return Optional.empty();
        }
    }
}
