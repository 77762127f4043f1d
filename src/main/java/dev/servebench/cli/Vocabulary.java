package dev.servebench.cli;

/**
 * The words every command uses for the same concept (issue #30): one option name, one default, one description, so
 * that sim, predict, plan and advise never disagree on what a node or a GPU is. {@code OptionVocabularyTest} walks
 * every command and holds them to it.
 */
final class Vocabulary {
    /** The accelerator when none is named: the study's, the one the simulator is calibrated on. */
    static final String DEFAULT_GPU = "mi325x";
    static final String GPU_DESCRIPTION = "Accelerator: mi300x, mi325x, mi355x, h100, h200, b200 (default: "
            + DEFAULT_GPU + ").";
    /** GPUs in each node; {@code --gpus} is the same option, kept for single-node commands. */
    static final String GPUS_PER_NODE = "--gpus-per-node";
    static final String GPUS_SHORT = "--gpus";
    static final String DEFAULT_GPUS_PER_NODE = "8";
    static final String GPUS_PER_NODE_DESCRIPTION = "GPUs in each node (--gpus is the same option; default: "
            + DEFAULT_GPUS_PER_NODE + ").";

    private Vocabulary() {
    }
}
