package dev.servebench.eval;

import dev.servebench.BadInputException;

import java.util.OptionalInt;

/**
 * How an accuracy check asks its questions. Requests are deterministic: temperature 0 and a fixed seed (servers
 * that take one use it), so the same server gives the same answers and two conditions differ only by the server.
 *
 * @param maxTokens   answer limit per request; empty: the task format's default
 * @param concurrency questions in flight at once
 * @param seed        the {@code seed} sent with every request
 */
public record EvalSettings(OptionalInt maxTokens, int concurrency, long seed) {
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final long DEFAULT_SEED = 1234;

    public EvalSettings {
        if (concurrency < 1) {
            throw new BadInputException("the accuracy check's concurrency must be at least 1, got " + concurrency);
        }
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw new BadInputException("the accuracy check's max tokens must be at least 1, got "
                    + maxTokens.getAsInt());
        }
    }

    public int maxTokensFor(TaskFormat format) {
        return maxTokens.orElse(format.defaultMaxTokens());
    }
}
