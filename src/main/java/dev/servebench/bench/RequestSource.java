package dev.servebench.bench;

import dev.servebench.dataset.Dataset;
import dev.servebench.dataset.Trace;

import java.util.List;

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

    /** A dataset's sampled requests, used in turn across the levels. */
    record FromDataset(Dataset dataset) implements RequestSource {
    }

    /** A trace's requests, replayed at each speed. */
    record FromTrace(Trace trace, List<Double> speeds) implements RequestSource {
        public FromTrace {
            speeds = List.copyOf(speeds);
        }
    }

    RequestSource SYNTHETIC = new Synthetic();
}
