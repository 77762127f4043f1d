package dev.servebench.bench;

import dev.servebench.client.CompletionRequest;
import dev.servebench.prompt.ImageSource;
import dev.servebench.prompt.PromptSource;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds request {@code index} of a level from the level's workload and the run's {@link RequestSource}.
 * Counts what it asked for (prompt tokens by the run's tokenizer, max_tokens), so the level can hold
 * the server's counts against it when lengths vary per request. Thread-safe.
 */
public final class RequestFactory {
    /** Indexes of the shared prefixes' text, far from any request's. */
    private static final int PREFIX_INDEX_BASE = Integer.MIN_VALUE;

    private final PromptSource prompts;
    private final ImageSource images;
    private final boolean ignoreEos;
    private final int levelNumber;
    private final RequestSource source;
    private final Conversation conversation;
    private final LongAdder askedPromptTokens = new LongAdder();
    private final LongAdder askedOutputTokens = new LongAdder();
    private final LongAdder asked = new LongAdder();

    /** Synthetic prompts, single turns: the level's workload alone decides each request. */
    public RequestFactory(PromptSource prompts, ImageSource images, boolean ignoreEos, int levelNumber) {
        this(prompts, images, ignoreEos, levelNumber, RequestSource.SYNTHETIC, Conversation.SINGLE_TURN);
    }

    public RequestFactory(PromptSource prompts, ImageSource images, boolean ignoreEos, int levelNumber,
                          RequestSource source, Conversation conversation) {
        this.prompts = prompts;
        this.images = images;
        this.ignoreEos = ignoreEos;
        this.levelNumber = levelNumber;
        this.source = source;
        this.conversation = conversation;
    }

    public Conversation conversation() {
        return conversation;
    }

    public CompletionRequest build(Workload workload, int index) {
        // Distinct per level too, so random prompts never repeat across a benchmark.
        int uniqueIndex = levelNumber * 10_000_000 + index;
        var urls = workload.images() == 0 ? List.<String>of() : images.imagesFor(uniqueIndex, workload.images());
        String prompt = switch (source) {
            case RequestSource.Synthetic s -> prompts.prompt(workload.inputTokens(), uniqueIndex);
            case RequestSource.SharedPrefixes p -> {
                int group = Math.floorMod(index, p.groups());
                int own = Math.max(1, workload.inputTokens() - p.prefixTokens());
                yield prompts.prompt(p.prefixTokens(), PREFIX_INDEX_BASE + group) + " "
                        + prompts.continuation(own, uniqueIndex);
            }
        };
        count(workload.inputTokens(), workload.outputTokens());
        return new CompletionRequest(prompt, urls, workload.outputTokens(), ignoreEos, 0.0);
    }

    /**
     * The user's message for turn {@code turn} (1 is the first) of a conversation whose first turn
     * was request {@code firstIndex}; this turn is request {@code index}. The history goes with it
     * separately.
     */
    public CompletionRequest buildTurn(Workload workload, int firstIndex, int index, int turn) {
        return build(workload, index);
    }

    private void count(int promptTokens, int outputTokens) {
        askedPromptTokens.add(promptTokens);
        askedOutputTokens.add(outputTokens);
        asked.increment();
    }

    /** Mean prompt tokens asked over the requests built so far, by the run's tokenizer; 0 before any. */
    public double meanAskedPromptTokens() {
        long n = asked.sum();
        return n == 0 ? 0 : (double) askedPromptTokens.sum() / n;
    }

    /** Mean max_tokens asked over the requests built so far; 0 before any. */
    public double meanAskedOutputTokens() {
        long n = asked.sum();
        return n == 0 ? 0 : (double) askedOutputTokens.sum() / n;
    }
}
