package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.bench.Slo;
import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelConfig;
import dev.servebench.plan.AdvisedInstances;
import dev.servebench.plan.LinkSensitivity;
import dev.servebench.plan.PlanFiles;
import dev.servebench.plan.PlanRequest;
import dev.servebench.plan.PlanResult;
import dev.servebench.plan.Planner;
import dev.servebench.plan.UnmodelledOptions;
import dev.servebench.report.ReportFiles;
import dev.servebench.report.html.PlanReport;
import dev.servebench.sim.cluster.ClusterLinks;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.perf.KernelPath;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.ExperimentStatus;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.WriteRetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * {@code plan}: which cluster shape serves a workload best at each concurrency and SLO, predicted in virtual time;
 * writes plan.json (and report.html) to the folder and records the plan in the results database. The caller parses
 * and prints; this runs.
 */
public final class PlanRun {
    private PlanRun() {
    }

    /**
     * What to plan.
     *
     * @param quantization      the weights' precision, as {@code advise} takes it
     * @param overrides         serving settings given by hand, over what {@code advise} deploys for each role and TP
     * @param interNodeGbps     the KV link between nodes, Gb/s per GPU per direction; empty: the GPU's NIC
     * @param shapes            only these shapes; empty: every shape that fits
     * @param folder            where plan.json and report.html go
     * @param database          the results database to record the plan in; empty: none
     */
    public record Options(ModelConfig model, Accelerator gpu, int nodes, int gpusPerNode, int inputTokens,
                          int outputTokens, List<Integer> concurrencies, Slo slo, QuantizationRequest quantization,
                          AdvisedInstances.Overrides overrides, OptionalDouble interNodeGbps, RoutingPolicy router,
                          int requestsPerClient, Optional<List<ClusterShape>> shapes, Path folder, boolean writeReport,
                          Optional<DatabaseLocation> database) {
        public Options {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(gpu, "gpu");
            Objects.requireNonNull(folder, "folder");
            concurrencies = List.copyOf(concurrencies);
            shapes = shapes.map(List::copyOf);
            if (interNodeGbps.isPresent() && !(interNodeGbps.getAsDouble() > 0)) {
                throw new BadInputException("--inter-node-gbps must be a positive line rate in Gb/s per GPU, got "
                        + interNodeGbps.getAsDouble());
            }
        }
    }

    /**
     * What a plan left.
     *
     * @param uncalibrated    the line a plan on a GPU its kernel path was not calibrated on must carry
     * @param linkSensitivity what the winner owes to the link between nodes, in one line
     * @param unmodelled      what advise would launch the winner with and the simulator does not model
     * @param planFile        the plan.json written
     * @param report          the report.html written, unless told not to
     * @param recorded        the plan's record in the results database, when there is one and it was free
     */
    public record Result(PlanRequest request, PlanResult plan, Optional<String> uncalibrated, String linkSensitivity,
                         Optional<String> unmodelled, Path planFile, Optional<Path> report,
                         Optional<Recorded> recorded) {
        /** How many distinct shapes were predicted. */
        public long shapes() {
            return plan.predictions().stream().map(p -> p.shape().label()).distinct().count();
        }
    }

    /** A plan recorded as an experiment: its id and the database's name as printed. */
    public record Recorded(String id, String database) {
    }

    /** {@code results/<date>-<time>-plan-<model>}: where a plan goes when no folder is given. */
    public static Path defaultFolder(ModelConfig model) {
        return RunFolders.defaultFolder("plan-" + model.name());
    }

    /**
     * Plans, writes the folder and records the plan; {@code notes} hears the planner's progress (each line
     * prefixed {@code plan: }) and a busy database.
     */
    public static Result run(Options options, Consumer<String> notes) throws IOException {
        PlanRequest request = request(options);
        PlanResult result = Planner.plan(request, line -> notes.accept("plan: " + line));
        Accelerator gpu = options.gpu();
        // The planner deploys each instance as advise does: AITER on ROCm, the default kernels elsewhere.
        Optional<String> uncalibrated = PerfFactors.builtIn().uncalibrated(gpu.id(),
                gpu.isRocm() ? KernelPath.ROCM_AITER : KernelPath.CUDA_DEFAULT);
        Map<String, Object> document = PlanFiles.document(request, result);
        Path planFile = PlanFiles.write(options.folder(), document);
        Optional<Path> report = options.writeReport()
                ? Optional.of(PlanReport.write(document, options.folder().resolve(ReportFiles.HTML_FILE)))
                : Optional.empty();
        return new Result(request, result, uncalibrated, LinkSensitivity.line(request, result),
                UnmodelledOptions.line(request, result), planFile, report, record(options, document, notes));
    }

    /** Each instance as advise deploys it for its role and TP, the settings given by hand over that. */
    private static PlanRequest request(Options o) {
        AdvisedInstances instances = AdvisedInstances.of(o.model(), o.gpu(), o.quantization(), o.overrides());
        ClusterLinks catalogue = ClusterLinks.forGpu(o.gpu());
        ClusterLinks links = o.interNodeGbps().isPresent()
                ? catalogue.withInterNodeGbps(o.interNodeGbps().getAsDouble()) : catalogue;
        return new PlanRequest(o.model(), o.gpu(), o.nodes(), o.gpusPerNode(), o.inputTokens(), o.outputTokens(),
                o.concurrencies(), o.slo(), instances, links, o.router(), o.requestsPerClient(), o.shapes());
    }

    /**
     * A plan is an experiment of kind "plan": its parameters and its whole result, made in one piece at the end, so
     * a database another process keeps locked is skipped rather than waited on mid-plan.
     */
    private static Optional<Recorded> record(Options options, Map<String, Object> document, Consumer<String> notes) {
        if (options.database().isEmpty()) {
            return Optional.empty();
        }
        try (RunStore store = RunStore.open(options.database().get(), WriteRetry.DEFAULT, notes)) {
            if (!store.available()) {
                return Optional.empty();
            }
            String id = store.createExperiment(StoredExperiment.PLAN_KIND, Map.of(
                    "results_folder", options.folder().toAbsolutePath().toString(), "model", options.model().name(),
                    "gpu", options.gpu().id(), "nodes", options.nodes(), "gpus_per_node", options.gpusPerNode()),
                    System.currentTimeMillis());
            store.finishExperiment(id, ExperimentStatus.COMPLETE, document);
            return Optional.of(new Recorded(id, store.location().display()));
        }
    }
}
