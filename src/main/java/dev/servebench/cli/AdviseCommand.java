package dev.servebench.cli;

import dev.servebench.advise.ClusterPlan;
import dev.servebench.plan.PlannedDecision;

import dev.servebench.BadInputException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.advise.ClusterAdvisor;
import dev.servebench.advise.ClusterRequest;
import dev.servebench.advise.Goal;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.advise.VllmVersion;
import dev.servebench.advise.render.ClusterFormat;
import dev.servebench.advise.render.KvNetwork;
import dev.servebench.advise.render.ManifestOptions;
import dev.servebench.advise.render.OutputFormat;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.cluster.ClusterShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.OptionalInt;
import java.util.function.IntSupplier;
import java.util.concurrent.Callable;

/** {@code servebench advise}: a thin layer over {@link Advisor}. Bad input exits 2 with one line. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        header = "Architecture-aware vLLM deployment plan, memory and KV capacity, each choice with its rule.",
        description = "Architecture-aware vLLM deployment plan from a config.json (or catalogue name) and a GPU type.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  # The study's DeepSeek V3.2 deployment on one 8x MI325X node, with one line of why per choice:",
            "  servebench advise --model deepseek-v3.2 --gpu mi325x --gpus 8 --vllm-version 0.14.1",
            "  # Your own model on H200s, as a docker run line, for maximum throughput at 8k context:",
            "  servebench advise --model ./config.json --gpu h200 --gpus 8 --goal throughput --context 8192 --format docker",
            "  # A Kubernetes Deployment + Service for Kimi K2.5 on MI355X with a newer vLLM:",
            "  servebench advise --model kimi-k2.5 --gpu mi355x --vllm-version 0.19.0 --format k8s",
            "  # Llama 3.3 70B as 2 prefill (TP 4) + 1 decode (TP 8) instances on two MI300X nodes, as llm-d manifests:",
            "  servebench advise --model llama-3.3-70b-instruct --gpu mi300x --nodes 2 --disaggregate 2P1D "
                    + "--prefill-tp 4 --decode-tp 8 --format llm-d",
            "  # The shape a plan chose at 512 clients, with the settings it simulated, as llm-d manifests:",
            "  servebench advise --from-plan results/plan-llama/plan.json --concurrency 512 --format llm-d"})
public final class AdviseCommand implements Callable<Integer> {

    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|CONFIG_JSON",
            description = "config.json path or catalogue name (${COMPLETION-CANDIDATES}); required unless --from-plan",
            completionCandidates = CatalogueNames.class)
    String model;

    @Option(names = "--gpu", paramLabel = "ID", defaultValue = Vocabulary.DEFAULT_GPU,
            description = Vocabulary.GPU_DESCRIPTION)
    String gpu;

    @Option(names = "--from-plan", paramLabel = "PLAN_JSON",
            description = "Deploy a plan's decision: the shape `servebench plan` chose (results/<plan>/plan.json), with "
                    + "exactly the settings it simulated; model, GPU, nodes and version come from the plan")
    java.nio.file.Path fromPlan;

    @Option(names = "--pick", defaultValue = "winner", paramLabel = "winner|runner-up",
            description = "With --from-plan: the decision's best shape or its runner-up (default: ${DEFAULT-VALUE})")
    String pick;

    @Option(names = "--concurrency", paramLabel = "C",
            description = "With --from-plan: the decision row (default: the highest concurrency the plan decided)")
    Integer concurrency;

    @Option(names = {Vocabulary.GPUS_PER_NODE, Vocabulary.GPUS_SHORT}, paramLabel = "N",
            defaultValue = Vocabulary.DEFAULT_GPUS_PER_NODE, description = Vocabulary.GPUS_PER_NODE_DESCRIPTION)
    int gpusPerNode;

    @Option(names = "--vllm-version", paramLabel = "X.Y.Z", defaultValue = "0.14.1", description = "target vLLM release (default: ${DEFAULT-VALUE})")
    String vllmVersion;

    @Option(names = "--goal", paramLabel = "GOAL", defaultValue = "balanced", description = "latency|balanced|throughput|max (default: ${DEFAULT-VALUE})")
    String goal;

    @Option(names = "--context", paramLabel = "TOKENS", description = "planned context per request in tokens (default: min(32768, model maximum))")
    Integer context;

    @Option(names = "--quantization", paramLabel = "Q", defaultValue = "auto", description = "auto|bf16|fp8|ptpc_fp8 (default: ${DEFAULT-VALUE})")
    String quantization;

    @Option(names = "--tp", paramLabel = "N", description = "force a tensor-parallel size instead of letting the rules choose")
    Integer tp;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text|json|shell|docker|k8s; for a cluster text|shell|k8s (replicas)|llm-d (default: "
                    + "${DEFAULT-VALUE})")
    String format;

    @Option(names = "--nodes", paramLabel = "N", description = "nodes in the cluster; plans a cluster (default: as many as the shape needs)")
    Integer nodes;


    @Option(names = "--kv-network", paramLabel = "rdma|tcp",
            description = "A P/D cluster's KV network: UCX's transports and, for rdma, one RDMA NIC per GPU in each "
                    + "pod (default: the GPU's NIC in interconnects.json, InfiniBand or RoCE: rdma)")
    String kvNetwork;

    @Option(names = "--one-per-node",
            description = "Replicas one per node (a required pod anti-affinity on kubernetes.io/hostname) in k8s and "
                    + "llm-d manifests")
    boolean onePerNode;

    @picocli.CommandLine.Mixin
    ClusterShapeOptions shape = new ClusterShapeOptions();

    @Override
    public Integer call() {
        try {
            if (fromPlan != null) {
                PlannedDecision decision = PlannedDecision.read(fromPlan, pick, concurrency);
                ClusterPlan plan = ClusterAdvisor.plan(decision.request());
                spec.commandLine().getOut().print(ClusterFormat.parse(format).render(plan, manifestOptions()));
                spec.commandLine().getOut().flush();
                decision.differences(plan).forEach(d -> spec.commandLine().getErr().println("advise: " + d));
                return 0;
            }
            if (model == null) {
                throw new BadInputException("give --model (and --gpu, default " + Vocabulary.DEFAULT_GPU
                        + "), or --from-plan PLAN_JSON to deploy a plan's decision");
            }
            AdviseRequest request = new AdviseRequest(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu),
                    gpusPerNode,
                    VllmVersion.parse(vllmVersion), Goal.parse(goal),
                    context == null ? OptionalInt.empty() : OptionalInt.of(context),
                    QuantizationRequest.parse(quantization), tp == null ? OptionalInt.empty() : OptionalInt.of(tp));
            if (shape.requested() || nodes != null) {
                spec.commandLine().getOut().print(ClusterFormat.parse(format).render(ClusterAdvisor.plan(cluster(request)),
                        manifestOptions()));
                spec.commandLine().getOut().flush();
                return 0;
            }
            shape.check();
            if (kvNetwork != null || onePerNode) {
                throw new BadInputException((onePerNode ? "--one-per-node" : "--kv-network") + " is for a cluster: give "
                        + "--nodes N with --replicas or --disaggregate, or --from-plan");
            }
            if (ClusterFormat.clusterOnly(format)) {
                throw new BadInputException("--format llm-d renders prefill and decode pools: give --disaggregate xPyD");
            }
            OutputFormat out = OutputFormat.parse(format);
            spec.commandLine().getOut().print(out.renderer().render(Advisor.plan(request)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("advise: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return EXIT_BAD_INPUT;
        }
    }

    private ManifestOptions manifestOptions() {
        return new ManifestOptions(java.util.Optional.ofNullable(kvNetwork).map(KvNetwork::parse), onePerNode);
    }

    /** The cluster request: the shape from --disaggregate or --replicas, TP sizes defaulting to the one-node plan's. */
    private ClusterRequest cluster(AdviseRequest request) {
        if (shape.disaggregate != null && tp != null) {
            throw new BadInputException("--tp is for replicas; give --prefill-tp and --decode-tp with --disaggregate");
        }
        IntSupplier defaultTp = () -> tp != null ? tp : ClusterAdvisor.defaultTp(request, gpusPerNode);
        ClusterShape clusterShape = shape.shape(defaultTp,
                () -> Math.max(1, (nodes == null ? 1 : nodes) * gpusPerNode / defaultTp.getAsInt()));
        int n = nodes != null ? nodes : Math.max(1, (clusterShape.gpus() + gpusPerNode - 1) / gpusPerNode);
        return new ClusterRequest(request, n, gpusPerNode, clusterShape);
    }

    /** Catalogue names for help text and shell completion. */
    static final class CatalogueNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalogue.NAMES.iterator();
        }
    }
}
