package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.bench.Slo;
import dev.servebench.experiment.LatencyAxis;
import dev.servebench.model.Accelerator;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;
import dev.servebench.plan.AdvisedInstances;
import dev.servebench.plan.PlanResult;
import dev.servebench.report.PlanTables;
import dev.servebench.run.PlanRun;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code plan}: which cluster shape serves a workload best at each concurrency and SLO, predicted in virtual time.
 * Flags, then {@link PlanRun}, then printing.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plan a cluster: predict aggregated (replicas x TP) and disaggregated (xPyD) shapes of a model "
                + "on N nodes in virtual time, then print the Pareto frontier of throughput per GPU against latency "
                + "and, per concurrency, the best shape that meets the SLO with its runner-up."},
        footer = {"", "Examples:",
                "  servebench plan --model gpt-oss-120b --gpu mi300x --nodes 9 --gpus-per-node 8 --input-tokens 2048 \\",
                "      --output-tokens 256 --concurrency 32,128,512,2048 --slo ttft=2s,itl=50ms",
                "  servebench plan --model llama-3.3-70b-instruct --quantization fp8 --shapes shapes.txt"})
final class PlanCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "NAME|CONFIG_JSON",
            completionCandidates = AdviseCommand.CatalogueNames.class,
            description = "Catalogue model (${COMPLETION-CANDIDATES}) or a path to a config.json.")
    String model;

    @Option(names = "--gpu", defaultValue = Vocabulary.DEFAULT_GPU, paramLabel = "ID",
            description = Vocabulary.GPU_DESCRIPTION)
    String gpu;

    @Option(names = "--nodes", defaultValue = "1", paramLabel = "N", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = {Vocabulary.GPUS_PER_NODE, Vocabulary.GPUS_SHORT}, paramLabel = "N",
            defaultValue = Vocabulary.DEFAULT_GPUS_PER_NODE, description = Vocabulary.GPUS_PER_NODE_DESCRIPTION)
    int gpusPerNode;

    @Option(names = "--input-tokens", defaultValue = "2048", paramLabel = "N", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int inputTokens;

    @Option(names = "--output-tokens", defaultValue = "256", paramLabel = "N", description = "Output tokens (default: ${DEFAULT-VALUE}).")
    int outputTokens;

    @Option(names = "--concurrency", defaultValue = "32,128,512", split = ",", paramLabel = "C,...",
            description = "Concurrent users to decide for (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrencies;

    @Option(names = "--slo", paramLabel = "ttft=2s,itl=50ms", description = "p99 bounds a shape must meet to be "
            + "chosen: ttft, tpot (a request's mean gap), itl (every inter-token gap: the decode stalls a prefill "
            + "causes, which disaggregation removes), e2e.")
    String slo;

    @Option(names = "--router", defaultValue = "least-outstanding", paramLabel = "POLICY",
            description = "round-robin, least-outstanding or prefix-aware (default: ${DEFAULT-VALUE}).")
    String router;

    @Option(names = "--shapes", paramLabel = "FILE", description = "Only these shapes, one per line (4 x TP2, 2P(TP4)1D(TP8); # comments).")
    Path shapesFile;

    @Option(names = "--requests-per-client", defaultValue = "4", paramLabel = "N",
            description = "Requests per client measured at steady state (default: ${DEFAULT-VALUE}): each client "
                    + "also sends one before (the start burst) and one after (the drain), both left out. More is "
                    + "steadier and slower; doubling it leaves the decisions as they are.")
    int requestsPerClient;

    @Option(names = "--inter-node-gbps", paramLabel = "GBPS",
            description = "The KV link between nodes, Gb/s per GPU per direction (default: the GPU's NIC in "
                    + "interconnects.json, e.g. 400 for MI300X nodes). The winner is also predicted at a quarter and a "
                    + "sixteenth of it, one line.")
    Double interNodeGbps;

    @CommandLine.Mixin
    ServingFlags serving = new ServingFlags();

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default results/<date>-<time>-plan-<model>).")
    Path out;

    @CommandLine.Mixin
    DbOptions db;

    @CommandLine.Mixin
    ReportOptions report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ModelConfig config = ModelCatalogue.load(model);
        Accelerator accelerator = AcceleratorCatalogue.get(gpu);
        Path folder = out != null ? out : PlanRun.defaultFolder(config);
        OutFolder.check(folder);
        PlanRun.Options options = new PlanRun.Options(config, accelerator, nodes, gpusPerNode, inputTokens,
                outputTokens, concurrencies, slo == null ? Slo.NONE : Slo.parse(slo), serving.quantization == null
                ? QuantizationRequest.AUTO : QuantizationRequest.parse(serving.quantization), overrides(),
                interNodeGbps == null ? OptionalDouble.empty() : OptionalDouble.of(interNodeGbps),
                RoutingPolicy.parse(router), requestsPerClient, shapes(), folder, !report.noReport, db.location());
        PlanRun.Result run = PlanRun.run(options, line -> {
            stderr.println("servebench: " + line);
            stderr.flush();
        });
        PlanResult result = run.plan();
        stdout.printf(Locale.ROOT, "Plan for %s on %d x %d %s, %d in / %d out tokens (%d shapes in %.1f s)%n%n",
                config.name(), nodes, gpusPerNode, accelerator.id(), inputTokens, outputTokens, run.shapes(),
                result.seconds());
        run.uncalibrated().ifPresent(line -> stdout.println(line + "\n"));
        stdout.println("Decision per concurrency (goodput: output tokens/s per GPU of requests meeting the SLO):");
        stdout.print(PlanTables.decisions(result));
        stdout.println();
        stdout.println("Frontier: total (prompt + output) tokens/s per GPU against TTFT p99, over the points that "
                + "meet the SLO and the success rate (no such point beats a row on both):");
        stdout.print(PlanTables.frontier(result, LatencyAxis.TTFT_P99_MS));
        stdout.println();
        stdout.println("Frontier: total tokens/s per GPU against TPOT p99:");
        stdout.print(PlanTables.frontier(result, LatencyAxis.TPOT_P99_MS));
        stdout.println();
        stdout.println("Frontier: total tokens/s per GPU against ITL p99 (every gap: the decode stalls TPOT averages "
                + "away):");
        stdout.print(PlanTables.frontier(result, LatencyAxis.ITL_P99_MS));
        stdout.println();
        stdout.println("Frontier: total tokens/s per GPU against output tokens/s per user (interactivity, 1000 / "
                + "mean TPOT):");
        stdout.print(PlanTables.frontier(result, LatencyAxis.TPOT_MEAN_MS));
        result.skipped().forEach(s -> stderr.println("servebench: plan: skipped " + s));
        stdout.println();
        stdout.println(run.linkSensitivity());
        run.unmodelled().ifPresent(stdout::println);
        stdout.println();
        stdout.println("Results: " + run.planFile());
        run.report().ifPresent(html -> stdout.println("Report: " + html));
        run.recorded().ifPresent(r -> stdout.println("Recorded as plan " + r.id() + " in " + r.database()
                + " (servebench runs show " + r.id() + ")"));
        return 0;
    }

    /** The serving flags given here go over what advise deploys for each role and TP; those not given do not. */
    private AdvisedInstances.Overrides overrides() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return new AdvisedInstances.Overrides(
                parsed.hasMatchedOption("--max-num-seqs") ? OptionalInt.of(serving.maxNumSeqs) : OptionalInt.empty(),
                parsed.hasMatchedOption("--max-num-batched-tokens") ? OptionalInt.of(serving.maxNumBatchedTokens)
                        : OptionalInt.empty(),
                parsed.hasMatchedOption("--kv-cache-dtype") ? Optional.of(serving.kvCacheDtype()) : Optional.empty());
    }

    private Optional<List<ClusterShape>> shapes() throws IOException {
        if (shapesFile == null) {
            return Optional.empty();
        }
        try {
            List<ClusterShape> shapes = Files.readAllLines(shapesFile).stream().map(l -> l.replaceAll("#.*", "").strip())
                    .filter(l -> !l.isEmpty()).map(ClusterShape::parse).toList();
            if (shapes.isEmpty()) {
                throw new BadInputException("--shapes " + shapesFile + " lists no shape");
            }
            return Optional.of(shapes);
        } catch (NoSuchFileException e) {
            throw new BadInputException("--shapes " + shapesFile + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            // readAllLines' own message ("Input length = 1") names neither the file nor the problem.
            throw new BadInputException("--shapes " + shapesFile + " is not UTF-8 text; give a text file with one "
                    + "shape a line");
        }
    }
}
