package dev.servebench.cli;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.report.BenchmarkTables;
import dev.servebench.report.StudyComparisonTable;
import dev.servebench.run.PredictRun;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.study.StudyPreset;
import dev.servebench.sim.text.AnswerLengths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code predict}: the progressive benchmark against the simulated engine in virtual time. Every
 * workload flag of {@code bench} is accepted (they are parsed by {@code bench} itself, so the two
 * can never drift apart: {@link PassedBenchFlags}); the deployment flags are {@code sim}'s. Flags, then
 * {@link PredictRun}, then printing.
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

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        PassedBenchFlags bench = PassedBenchFlags.parse(benchFlags);
        Optional<StudyPreset> study = deployment.studyPreset();
        SimulatedDeployment d = deployment.deployment();
        deployment.aiterOffWhy(d).ifPresent(why -> stderr.println("servebench: AITER off, as advise deploys it: "
                + why));
        d.uncalibrated().ifPresent(line -> stderr.println("servebench: " + line));
        AnswerLengths answers = deployment.answerLengths();
        BenchmarkConfig workload = bench.workload();
        if (study.isPresent()) {
            bench.requireOnlyStudyFlags();
            PredictRun.studyPhases(workload.phases());
        }
        Optional<PredictRun.Cluster> simulated = cluster.cluster(d, deployment::requestedOptions, deployment.gpus)
                .map(c -> new PredictRun.Cluster(c, cluster.nodes));
        PredictRun.Options options = new PredictRun.Options(d, deployment.gpus, study, simulated, decodeOnly, workload,
                deployment.imageTokens(), answers, bench.requestTimeout(),
                bench.out().orElseGet(() -> PredictRun.defaultFolder(d)), bench.writeReport(), bench.database());
        Consumer<String> notes = note -> {
            stderr.println("servebench: " + note);
            stderr.flush();
        };
        PredictRun.Result result = PredictRun.run(options, notes);
        stdout.print(BenchmarkTables.render(result.benchmark()));
        result.uncalibrated().ifPresent(stdout::println);
        result.study().ifPresent(rows -> {
            stdout.println();
            stdout.println("Against the study (" + rows.studyName() + " on 8 x MI325X, vLLM 0.14.1; "
                    + "in/out: the tokens each row's requests had, derived from its output share):");
            stdout.print(StudyComparisonTable.render(rows.rows()));
            stdout.println("Each level's clients start as the study's client started them, as far as its figures "
                    + "tell: spread over the time the engine needs to prefill one new image per client (all at once "
                    + "for text rows, whose passage is cached); docs/calibration.md, \"The first wave\".");
        });
        PredictRun.Footprint f = result.footprint();
        stderr.printf(Locale.ROOT, "servebench: predicted in %.1f s; KV cache %d tokens (%d blocks of %d), "
                        + "weights %.1f GiB per GPU, kernel path %s%n", result.elapsed().toNanos() / 1e9,
                f.kvCapacityTokens(), f.kvBlocks(), f.blockSize(), f.weightGibPerGpu(), f.kernelPath());
        return OutcomeLines.print(result.ended(), stdout, stderr) ? Main.EXIT_RESULTS_INCOMPLETE : 0;
    }
}
