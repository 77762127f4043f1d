package dev.servebench.bench;

import dev.servebench.BadInputException;

/**
 * What the requests say, as the user asked for it (flags or the workload file); made ready against the
 * server by {@link RequestSources#prepare} into a {@link RequestSource}. The length of each request
 * comes from the level's {@link Workload} unless the mix gives its own (datasets, traces).
 */
public sealed interface RequestMix {
    /** Unique generated prompts of the level's length: no two requests share a prefix. */
    record Synthetic() implements RequestMix {
    }

    /**
     * {@code groups} system prompts of {@code prefixTokens} tokens each; request i starts with group
     * i mod G's, followed by its own unique text, so prefix caching is measured on purpose.
     */
    record SharedPrefixes(int groups, int prefixTokens) implements RequestMix {
        public SharedPrefixes {
            if (groups < 1) {
                throw new BadInputException("--prefix-groups must be at least 1, got " + groups);
            }
            if (prefixTokens < 1) {
                throw new BadInputException("--prefix-tokens must be at least 1, got " + prefixTokens
                        + "; give the shared system prompt's length in tokens, e.g. --prefix-tokens 1000");
            }
        }
    }

    RequestMix SYNTHETIC = new Synthetic();

    /** Words for the console and summary.json. */
    default String describe() {
        return switch (this) {
            case Synthetic s -> "synthetic";
            case SharedPrefixes p -> p.groups() + " shared prefix" + (p.groups() == 1 ? "" : "es") + " of "
                    + p.prefixTokens() + " tokens";
        };
    }
}
