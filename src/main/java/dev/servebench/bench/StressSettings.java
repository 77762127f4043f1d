package dev.servebench.bench;

import java.util.List;

/**
 * The STRESS phase's edge cases (SPEC section 2). Vision cases run only when the main workload
 * has images.
 *
 * @param longOutputTokens         output length of the long-output case
 * @param longOutputConcurrency    its concurrency
 * @param longContextInputTokens   input lengths of the long-context prefill cases
 * @param longContextConcurrency   their concurrency
 * @param multiImageCount          images per request in the multi-image case (the study used 3–5)
 * @param multiImageConcurrency    its concurrency
 * @param visionConcurrency        concurrency of the many-vision-requests case
 * @param sustainedVisionConcurrency concurrency of the sustained vision case
 * @param sustainedVisionRequests  requests of the sustained vision case (before intensity)
 */
public record StressSettings(int longOutputTokens, int longOutputConcurrency, List<Integer> longContextInputTokens,
                             int longContextConcurrency, int multiImageCount, int multiImageConcurrency,
                             int visionConcurrency, int sustainedVisionConcurrency, int sustainedVisionRequests) {
    public static final StressSettings DEFAULTS = new StressSettings(500, 50, List.of(4000, 8000), 25, 4, 10, 100,
            50, 450);

    public StressSettings {
        longContextInputTokens = List.copyOf(longContextInputTokens);
    }
}
