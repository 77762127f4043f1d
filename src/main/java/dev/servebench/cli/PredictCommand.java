package dev.servebench.cli;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.Phase;
import dev.servebench.report.StudyComparisonTable;
import dev.servebench.sim.study.StudyPreset;
import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.Interruption;
import dev.servebench.run.RunFolders;
import dev.servebench.run.RunSession;
import dev.servebench.bench.TargetInfo;
import dev.servebench.report.BenchmarkTables;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.predict.VirtualBackend;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.results.ResultsFolder;
import dev.servebench.store.RunContext;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code predict}: the progressive benchmark against the simulated engine in virtual time. Every
 * workload flag of {@code bench} is accepted (they are parsed by {@code bench} itself, so the two
 * can never drift apart); the deployment flags are {@code sim}'s.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict a whole progressive benchmark of a simulated deployment in virtual time (seconds, no GPU).",
                "Takes the deployment flags below plus every workload flag of 'bench' (--phases, --intensity, "
                        + "--input-tokens, --saturation, ...); writes the same tables and summary.json."},
        footer = {"", "Examples:",
                "  servebench predict --model llama-3.1-405b --gpu mi325x --gpus 8 --quantization fp8 --intensity thorough",
                "  servebench predict --model ./config.json --gpu h200 --tp 8 --phases scaling --scaling 1,8,64",
                "  servebench predict --study llama-3.1-405b --phases saturation   # the study's peak, next to its figure",
                "  servebench predict --model qwen3-235b-a22b --gpu mi325x --gpus 8 --nodes 2 --disaggregate 2P1D "
                        + "--prefill-tp 4 --decode-tp 8 --phases scaling"})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    DeploymentOptions deployment;

    @Mixin
    ClusterOptions cluster;

    @picocli.CommandLine.Option(names = "--decode-only",
            description = "Measure decode alone: every prompt's KV cache is preloaded (as vLLM's DecodeBenchConnector "
                    + "does), so TTFT is one decode step and no prefill competes with decoding.")
    boolean decodeOnly;

    @CommandLine.Unmatched
    List<String> benchFlags = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The advisor's plan for the simulated model and GPUs, for the report; none if the advisor refuses. */
    private java.util.Optional<dev.servebench.report.AdvisorPlan> advice(SimulatedDeployment d) {
        try {
            return java.util.Optional.of(dev.servebench.report.AdvisorPlans.from(dev.servebench.advise.Advisor.plan(
                    dev.servebench.advise.AdviseRequest.of(d.model(), d.accelerator(), deployment.gpus))));
        } catch (dev.servebench.advise.AdviceRefusedException e) {
            return java.util.Optional.empty();
        }
    }

    /** The bench flags that still mean something with --study, which sets the workload of every row. */
    private static final Set<String> STUDY_BENCH_FLAGS = Set.of("--phases", "--out", "--db", "--no-db", "--no-report",
            "--quiet");

    private static void requireOnlyStudyFlags(CommandLine.ParseResult bench, Set<Phase> studyPhases) {
        List<String> workloadFlags = bench.matchedOptions().stream().map(o -> o.longestName())
                .filter(n -> !STUDY_BENCH_FLAGS.contains(n)).distinct().toList();
        if (!workloadFlags.isEmpty()) {
            throw new BadInputException("--study sets the workload of each study row; drop "
                    + String.join(", ", workloadFlags) + " (or drop --study to predict a workload of your own)");
        }
        if (studyPhases.isEmpty()) {
            throw new BadInputException("--study reproduces the study's scaling rows and its peak; give --phases "
                    + "scaling, saturation or scaling,saturation");
        }
    }

    private boolean resultsIncomplete;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        BenchCommand bench = new BenchCommand();
        CommandLine.ParseResult benchParse = new CommandLine(bench).parseArgs(benchFlags.toArray(String[]::new));
        if (bench.target.url != null) {
            throw new BadInputException("predict simulates the deployment; to measure a server use 'bench --url'");
        }
        Optional<StudyPreset> study = deployment.studyPreset();
        SimulatedDeployment d = deployment.deployment();
        deployment.aiterOffWhy(d).ifPresent(why -> stderr.println("servebench: AITER off, as advise deploys it: "
                + why));
        d.uncalibrated().ifPresent(line -> stderr.println("servebench: " + line));
        AnswerLengths answers = deployment.answerLengths();
        // A simulated server starts empty for each prediction: the fixed seed keeps predictions repeatable.
        BenchmarkConfig parsed = bench.workload.configBuilder().build();
        Set<Phase> studyPhases = StudyPreset.studyPhases(parsed.phases());
        if (study.isPresent()) {
            requireOnlyStudyFlags(benchParse, studyPhases);
        }
        BenchmarkConfig.Builder config = study.isPresent()
                ? study.get().config(studyPhases, d.activeParamsBillions()).toBuilder()
                : parsed.toBuilder().cooldown(Duration.ZERO);
        if (parsed.activeParamsBillions().isEmpty()) {
            config.activeParamsBillions(d.activeParamsBillions());
        }
        String name = d.model().name();
        Optional<SimulatedCluster> simulatedCluster = cluster.cluster(d, deployment::requestedOptions, deployment.gpus);
        if (study.isPresent() && simulatedCluster.isPresent()) {
            throw new BadInputException("--study reproduces the study's single node; drop --replicas/--disaggregate");
        }
        String shape = simulatedCluster.map(c -> c.shape().label() + " on " + cluster.nodes + " x " + deployment.gpus
                + " " + d.accelerator().id()).orElse(d.options().tensorParallel() + " x " + d.accelerator().id()
                + ", TP " + d.options().tensorParallel());
        TargetInfo target = new TargetInfo(String.format(Locale.ROOT, "predicted: %s on %s%s%s (virtual time)", name,
                shape, decodeOnly ? ", decode only" : "", AnswerLengthOptions.describe(answers)),
                "virtual://" + d.accelerator().id(), name);
        Path folder = bench.out != null ? bench.out : RunFolders.defaultFolder("predict-" + name);
        long started = System.nanoTime();
        try (RunStore store = bench.db.open(stderr);
             RunSession session = RunSession.start(folder, Optional.ofNullable(store), new RunContext(RunKind.PREDICT,
                     Optional.of(folder.resolve(ResultsFolder.REQUESTS_FILE)), Optional.empty()),
                     Interruption.none())) {
            PromptEncoder encoder = new PromptEncoder(deployment.imageTokens(), answers);
            VirtualLevelExecutor executor = study.isPresent() ? study.get().executor(d)
                    : new VirtualLevelExecutor(simulatedCluster.map(VirtualBackend::cluster)
                    .orElseGet(() -> VirtualBackend.single(d.newEngine(), d.stepTime())), level -> encoder,
                    bench.target.requestTimeout);
            if (decodeOnly) {
                executor = executor.decodeOnly();
            }
            Benchmark.Builder builder = session.benchmark(target, config.build(), executor);
            if (study.isPresent()) {
                study.get().configure(builder, studyPhases);
            }
            BenchmarkResult result = session.run(builder);
            stdout.print(BenchmarkTables.render(result));
            d.uncalibrated().ifPresent(stdout::println);
            if (study.isPresent()) {
                stdout.println();
                stdout.println("Against the study (" + study.get().model().studyName() + " on 8 x MI325X, vLLM 0.14.1; "
                        + "in/out: the tokens each row's requests had, derived from its output share):");
                stdout.print(StudyComparisonTable.render(study.get().compare(result)));
            }
            stderr.printf(Locale.ROOT, "servebench: predicted in %.1f s; KV cache %d tokens (%d blocks of %d), "
                            + "weights %.1f GiB per GPU, kernel path %s%n", (System.nanoTime() - started) / 1e9,
                    d.engineConfig().kvCapacityTokens(), d.engineConfig().kvBlocks(), d.engineConfig().blockSize(),
                    d.weightBytesPerGpu() / (1024.0 * 1024 * 1024), d.kernelPath().key());
            resultsIncomplete = OutcomeLines.print(session.end(!bench.report.noReport, advice(d),
                    note -> stderr.println("servebench: " + note)), stdout, stderr);
        }
        return resultsIncomplete ? Main.EXIT_RESULTS_INCOMPLETE : 0;
    }
}
