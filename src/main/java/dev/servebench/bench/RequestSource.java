package dev.servebench.bench;

/**
 * Where each request's text comes from, ready to use: a {@link RequestMix} with its files read and
 * its lengths counted. Settled once before the first level, part of the {@link PromptPlan}.
 */
public sealed interface RequestSource {
    /** Generated prompts of the level's length. */
    record Synthetic() implements RequestSource {
    }

    /** Generated prompts that start with one of the groups' shared system prompts. */
    record SharedPrefixes(int groups, int prefixTokens) implements RequestSource {
    }

    RequestSource SYNTHETIC = new Synthetic();
}
