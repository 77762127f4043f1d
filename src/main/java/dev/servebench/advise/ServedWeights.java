package dev.servebench.advise;

import dev.servebench.model.OnlineQuantization;

/**
 * How the weights are served.
 *
 * @param label human-readable format, e.g. "FP8 block 128x128"
 * @param online quantization vLLM applies at load time
 * @param quantizationFlag value of {@code --quantization}, or null to let vLLM read the checkpoint
 * @param expertParallel whether experts are split whole across ranks ({@code --enable-expert-parallel}),
 *        which keeps each expert's dimensions intact for block FP8 (rule C7)
 * @param decision why
 */
public record ServedWeights(String label, OnlineQuantization online, String quantizationFlag, boolean expertParallel,
                            Decision decision) {
}
