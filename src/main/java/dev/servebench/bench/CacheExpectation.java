package dev.servebench.bench;

/** Whether a level's prompts share text by design, so a prefix cache is meant to serve part of them. */
final class CacheExpectation {
    private CacheExpectation() {
    }

    /**
     * @param mainWorkload whether the level sends the run's requests (a dataset, a trace, shared prefixes,
     *                     conversations) or generated prompts of its own (WARMUP, STRESS)
     * @return why the prompts share text, or null when each is meant to be new to the server
     */
    static String because(BenchmarkConfig config, RequestSource requests, boolean mainWorkload) {
        if (config.promptMode() != PromptMode.RANDOM) {
            return "--prompt " + config.promptMode().label() + " sends one passage again and again";
        }
        if (!mainWorkload) {
            return null;
        }
        if (config.conversation().multiTurn()) {
            return "each turn resends the conversation so far";
        }
        return switch (requests) {
            case RequestSource.SharedPrefixes p -> "--prefix-groups " + p.groups() + ": requests share "
                    + p.prefixTokens() + "-token prefixes";
            case RequestSource.FromTrace t -> t.trace().requests().stream().anyMatch(r -> !r.hashIds().isEmpty())
                    ? "the trace's requests share prefix blocks" : null;
            case RequestSource.FromDataset d -> null;
            case RequestSource.Synthetic s -> null;
        };
    }
}
