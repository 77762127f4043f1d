package dev.servebench.bench;

import dev.servebench.BadInputException;

/**
 * The shape of each request in a level.
 *
 * @param inputTokens  target prompt length
 * @param outputTokens {@code max_tokens} (exact output length when EOS is ignored)
 * @param images       images attached to each request (chat API only)
 */
public record Workload(int inputTokens, int outputTokens, int images) {
    public Workload {
        if (inputTokens < 1) {
            throw new BadInputException("input tokens must be at least 1, got " + inputTokens);
        }
        if (outputTokens < 1) {
            throw new BadInputException("output tokens must be at least 1, got " + outputTokens);
        }
        if (images < 0) {
            throw new BadInputException("images must be 0 or more, got " + images);
        }
    }

    public Workload withImages(int n) {
        return new Workload(inputTokens, outputTokens, n);
    }

    public Workload withInputTokens(int n) {
        return new Workload(n, outputTokens, images);
    }

    public Workload withOutputTokens(int n) {
        return new Workload(inputTokens, n, images);
    }
}
