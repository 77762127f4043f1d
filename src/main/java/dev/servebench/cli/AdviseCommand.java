package dev.servebench.cli;

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
        description = "Architecture-aware vLLM deployment plan from a config.json (or catalogue name) and a GPU type.")
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
        } catch (IllegalArgumentException e) {
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
