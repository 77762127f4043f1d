package dev.servebench.cli;

import dev.servebench.advise.SimulatedKernels;
import dev.servebench.model.Accelerator;

import dev.servebench.BadInputException;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.study.StudyPreset;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The simulated deployment's flags, shared by {@code sim} and {@code predict}: vLLM's names where it has them. */
final class DeploymentOptions {
    @Option(names = "--model", paramLabel = "NAME|CONFIG_JSON", defaultValue = "qwen3-235b-a22b",
            completionCandidates = AdviseCommand.CatalogueNames.class,
            description = "Catalogue model (${COMPLETION-CANDIDATES}) or a path to a config.json (default: "
                    + "${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--gpu", paramLabel = "ID", defaultValue = Vocabulary.DEFAULT_GPU,
            description = Vocabulary.GPU_DESCRIPTION)
    String gpu;

    @Option(names = {Vocabulary.GPUS_PER_NODE, Vocabulary.GPUS_SHORT}, paramLabel = "N",
            defaultValue = Vocabulary.DEFAULT_GPUS_PER_NODE, description = Vocabulary.GPUS_PER_NODE_DESCRIPTION)
    int gpus;

    @Option(names = "--tp", paramLabel = "N", description = "Tensor parallelism (default: all the node's GPUs).")
    Integer tp;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "0",
            description = "KV block size (default: 1 for MLA on ROCm, else 16).")
    int blockSize;

    @Option(names = "--gpu-memory-utilization", paramLabel = "F", defaultValue = "0.9", description = "Default: 0.9.")
    double gpuMemoryUtilization;

    @Mixin
    ServingFlags serving = new ServingFlags();

    @Option(names = "--no-prefix-caching", description = "Disable automatic prefix caching.")
    boolean noPrefixCaching;

    @Option(names = "--no-aiter", description = "ROCm: VLLM_ROCM_USE_AITER=0 (Triton kernels).")
    boolean noAiter;

    @Option(names = "--image-tokens", paramLabel = "N", defaultValue = "0",
            description = "Tokens per image (default: from an inline PNG's size, else 1200).")
    int imageTokens;

    @Option(names = "--study", paramLabel = "MODEL",
            description = {"Reproduce the MI325X study's deployment of MODEL (llama-3.1-405b, deepseek-v3.2, "
                    + "qwen3-vl-235b-a22b, kimi-k2.5): 8 x MI325X with the study's TP, block size, AITER, KV dtype, "
                    + "quantization and vLLM's balanced scheduling. With predict, also its workload: every scaling "
                    + "row and the peak, each printed next to the study's figure. Replaces the flags above."})
    String study;

    @Mixin
    AnswerLengthOptions answerLengthOptions = new AnswerLengthOptions();

    /** The command this mixin belongs to: which of its flags the user typed. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** The deployment flags {@code --study} replaces. */
    private static final List<String> DEPLOYMENT_FLAGS = List.of("--model", "--gpu", "--gpus", "--tp", "--max-num-seqs",
            "--max-num-batched-tokens", "--block-size", "--gpu-memory-utilization", "--kv-cache-dtype", "--quantization",
            "--no-prefix-caching", "--no-aiter", "--image-tokens");

    /** The study preset named by {@code --study}; bad input when deployment flags were given as well. */
    Optional<StudyPreset> studyPreset() {
        if (study == null) {
            return Optional.empty();
        }
        List<String> given = DEPLOYMENT_FLAGS.stream()
                .filter(f -> mixee != null && mixee.commandLine().getParseResult() != null
                        && mixee.commandLine().getParseResult().hasMatchedOption(f)).toList();
        if (!given.isEmpty()) {
            throw new BadInputException("--study " + study + " sets the deployment the study used; drop "
                    + String.join(", ", given) + " (or drop --study to simulate a deployment of your own)");
        }
        return Optional.of(StudyPreset.of(study));
    }

    SimulatedDeployment deployment() {
        Optional<StudyPreset> preset = studyPreset();
        if (preset.isPresent()) {
            return preset.get().deployment();
        }
        ModelConfig config = ModelCatalogue.load(model);
        int tensorParallel = tp != null ? tp : gpus;
        if (tensorParallel > gpus) {
            throw new BadInputException("--tp " + tensorParallel + " exceeds --gpus-per-node " + gpus
                    + " (the GPUs in the node)");
        }
        Accelerator accelerator = AcceleratorCatalogue.get(gpu);
        return SimulatedDeployment.of(config, accelerator,
                SimulatedKernels.at(requestedOptions(tensorParallel), config, accelerator, tensorParallel));
    }

    /**
     * The serving options as the flags ask for them at {@code tensorParallel}, before the advisor's kernel rules
     * (AITER where its rules allow it, unless {@code --no-aiter}).
     */
    ServingOptions requestedOptions(int tensorParallel) {
        return new ServingOptions(tensorParallel, serving.maxNumSeqs, serving.maxNumBatchedTokens, blockSize,
                gpuMemoryUtilization, serving.kvCacheDtype(), !noPrefixCaching, !noAiter, serving.onlineQuantization());
    }

    /** Why the advisor's rules turned AITER off for the predicted deployment; empty when they did not. */
    Optional<String> aiterOffWhy(SimulatedDeployment d) {
        if (noAiter || d.options().aiter() || !d.accelerator().isRocm() || studyPreset().isPresent()) {
            return Optional.empty();
        }
        return SimulatedKernels.of(d.model(), d.accelerator(), d.options().tensorParallel(),
                d.options().onlineQuantization()).aiterOffWhy();
    }

    ImageTokens imageTokens() {
        Optional<StudyPreset> preset = studyPreset();
        if (preset.isPresent() && preset.get().imageTokens() > 0) {
            return ImageTokens.fixed(preset.get().imageTokens());
        }
        return imageTokens > 0 ? ImageTokens.fixed(imageTokens) : ImageTokens.DEFAULT;
    }

    AnswerLengths answerLengths() {
        return answerLengthOptions.answers();
    }
}
