package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.advise.Goal;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.advise.VllmVersion;
import dev.servebench.advise.render.OutputFormat;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.OptionalInt;
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
            "  servebench advise --model kimi-k2.5 --gpu mi355x --vllm-version 0.19.0 --format k8s"})
public final class AdviseCommand implements Callable<Integer> {

    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true,
            description = "config.json path or catalogue name (${COMPLETION-CANDIDATES})",
            completionCandidates = CatalogueNames.class)
    String model;

    @Option(names = "--gpu", required = true, description = "accelerator id: mi300x, mi325x, mi355x, h100, h200, b200")
    String gpu;

    @Option(names = "--gpus", defaultValue = "8", description = "GPUs in the node (default: ${DEFAULT-VALUE})")
    int gpus;

    @Option(names = "--vllm-version", defaultValue = "0.14.1", description = "target vLLM release (default: ${DEFAULT-VALUE})")
    String vllmVersion;

    @Option(names = "--goal", defaultValue = "balanced", description = "latency|balanced|throughput|max (default: ${DEFAULT-VALUE})")
    String goal;

    @Option(names = "--context", description = "planned context per request in tokens (default: min(32768, model maximum))")
    Integer context;

    @Option(names = "--quantization", defaultValue = "auto", description = "auto|bf16|fp8|ptpc_fp8 (default: ${DEFAULT-VALUE})")
    String quantization;

    @Option(names = "--tp", description = "force a tensor-parallel size instead of letting the rules choose")
    Integer tp;

    @Option(names = "--format", defaultValue = "text", description = "text|json|shell|docker|k8s (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        try {
            AdviseRequest request = new AdviseRequest(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), gpus,
                    VllmVersion.parse(vllmVersion), Goal.parse(goal),
                    context == null ? OptionalInt.empty() : OptionalInt.of(context),
                    QuantizationRequest.parse(quantization), tp == null ? OptionalInt.empty() : OptionalInt.of(tp));
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

    /** Catalogue names for help text and shell completion. */
    static final class CatalogueNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalogue.NAMES.iterator();
        }
    }
}
