package dev.servebench.bench;

import dev.servebench.client.CompletionRequest;
import dev.servebench.prompt.ImageSource;
import dev.servebench.prompt.PromptSource;

/** Builds request {@code index} of a level from the level's workload. Thread-safe. */
public final class RequestFactory {
    private final PromptSource prompts;
    private final ImageSource images;
    private final boolean ignoreEos;
    private final int levelNumber;

    public RequestFactory(PromptSource prompts, ImageSource images, boolean ignoreEos, int levelNumber) {
        this.prompts = prompts;
        this.images = images;
        this.ignoreEos = ignoreEos;
        this.levelNumber = levelNumber;
    }

    public CompletionRequest build(Workload workload, int index) {
        // Distinct per level too, so random prompts never repeat across a benchmark.
        int uniqueIndex = levelNumber * 10_000_000 + index;
        String prompt = prompts.prompt(workload.inputTokens(), uniqueIndex);
        var urls = workload.images() == 0 ? java.util.List.<String>of() : images.imagesFor(uniqueIndex, workload.images());
        return new CompletionRequest(prompt, urls, workload.outputTokens(), ignoreEos, 0.0);
    }
}
