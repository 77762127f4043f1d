package dev.servebench.bench;

import dev.servebench.client.CompletionRequest;
import dev.servebench.dataset.DatasetRequest;
import dev.servebench.dataset.Trace;
import dev.servebench.dataset.TraceRequest;
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
    /** Keys of a trace's prefix blocks, far from any request's index; one space per level (below). */
    private static final long BLOCK_KEY_BASE = 1L << 40;
    private static final int BLOCK_KEY_LEVEL_SHIFT = 44;

    private final PromptSource prompts;
    private final ImageSource images;
    private final boolean ignoreEos;
    private final int levelNumber;
    private final RequestSource source;
    private final Conversation conversation;
    private final long firstEntry;
    private final LongAdder askedPromptTokens = new LongAdder();
    private final LongAdder askedOutputTokens = new LongAdder();
    private final LongAdder asked = new LongAdder();

    /** Synthetic prompts, single turns: the level's workload alone decides each request. */
    public RequestFactory(PromptSource prompts, ImageSource images, boolean ignoreEos, int levelNumber) {
        this(prompts, images, ignoreEos, levelNumber, RequestSource.SYNTHETIC, Conversation.SINGLE_TURN, 0);
    }

    /**
     * @param firstEntry the dataset entry request 0 takes: the entries earlier levels used come next, so
     *                   a level draws fresh ones until the sample runs out and cycles
     */
    public RequestFactory(PromptSource prompts, ImageSource images, boolean ignoreEos, int levelNumber,
                          RequestSource source, Conversation conversation, long firstEntry) {
        this.prompts = prompts;
        this.images = images;
        this.ignoreEos = ignoreEos;
        this.levelNumber = levelNumber;
        this.source = source;
        this.conversation = conversation;
        this.firstEntry = firstEntry;
    }

    public Conversation conversation() {
        return conversation;
    }

    /** The level's number in the run (1 is the first): part of every generated prompt's seed. */
    public int levelNumber() {
        return levelNumber;
    }

    /** The dataset entry request 0 takes. */
    public long firstEntry() {
        return firstEntry;
    }

    public CompletionRequest build(Workload workload, int index) {
        int uniqueIndex = uniqueIndex(index);
        return switch (source) {
            case RequestSource.Synthetic s -> generated(workload, uniqueIndex,
                    prompts.prompt(workload.inputTokens(), uniqueIndex));
            case RequestSource.SharedPrefixes p -> {
                int group = Math.floorMod(index, p.groups());
                int own = Math.max(1, workload.inputTokens() - p.prefixTokens());
                yield generated(workload, uniqueIndex, prompts.prompt(p.prefixTokens(), PREFIX_INDEX_BASE + group)
                        + " " + prompts.continuation(own, uniqueIndex));
            }
            case RequestSource.FromDataset d -> fromDataset(entry(d, index), workload);
            case RequestSource.FromTrace t -> {
                TraceRequest r = t.trace().requests().get(index % t.trace().requests().size());
                int maxTokens = Math.max(1, r.outputTokens());
                count(r.inputTokens(), maxTokens);
                yield new CompletionRequest(traceText(t.trace(), r, uniqueIndex), List.of(), maxTokens, ignoreEos, 0.0)
                        .withAskedPromptTokens(r.inputTokens());
            }
        };
    }

    /** Distinct per level too, so generated prompts never repeat across a benchmark. */
    private int uniqueIndex(int index) {
        return levelNumber * 10_000_000 + index;
    }

    /** A generated prompt with the level's images and output length. */
    private CompletionRequest generated(Workload workload, int uniqueIndex, String prompt) {
        var urls = workload.images() == 0 ? List.<String>of() : images.imagesFor(uniqueIndex, workload.images());
        count(workload.inputTokens(), workload.outputTokens());
        return new CompletionRequest(prompt, urls, workload.outputTokens(), ignoreEos, 0.0)
                .withAskedPromptTokens(workload.inputTokens());
    }

    /**
     * The user's message for turn {@code turn} (1 is the first) of a conversation whose first turn
     * was request {@code firstIndex}; this turn is request {@code index}. The history goes with it
     * separately.
     */
    public CompletionRequest buildTurn(Workload workload, int firstIndex, int index, int turn) {
        if (turn > 1 && source instanceof RequestSource.FromDataset d) {
            // The conversation's own next human turn where the dataset recorded one (ShareGPT), else new text.
            List<String> later = entry(d, firstIndex).laterUserTurns();
            if (turn - 2 < later.size()) {
                count(workload.inputTokens(), workload.outputTokens());
                return new CompletionRequest(later.get(turn - 2), List.of(), workload.outputTokens(), ignoreEos, 0.0)
                        .withAskedPromptTokens(workload.inputTokens());
            }
            int uniqueIndex = uniqueIndex(index);
            return generated(workload, uniqueIndex, prompts.prompt(workload.inputTokens(), uniqueIndex));
        }
        return build(workload, index);
    }

    private DatasetRequest entry(RequestSource.FromDataset d, int index) {
        List<DatasetRequest> entries = d.dataset().requests();
        return entries.get((int) Math.floorMod(firstEntry + index, (long) entries.size()));
    }

    private CompletionRequest fromDataset(DatasetRequest entry, Workload workload) {
        int maxTokens = entry.outputTokens().orElse(workload.outputTokens());
        count(entry.promptTokens(), maxTokens);
        return new CompletionRequest(entry.prompt(), entry.images(), maxTokens, ignoreEos, 0.0)
                .withAskedPromptTokens(entry.promptTokens());
    }

    /**
     * A trace request's text: one block of text per prefix block id (the same id, the same text within
     * the level, so requests that shared a prefix in production share it here), then text of its own up
     * to its length.
     */
    private String traceText(Trace trace, TraceRequest r, int uniqueIndex) {
        if (r.hashIds().isEmpty()) {
            return prompts.prompt(r.inputTokens(), uniqueIndex);
        }
        StringBuilder text = new StringBuilder(r.inputTokens() * 4);
        int remaining = r.inputTokens();
        for (long hash : r.hashIds()) {
            if (remaining <= 0) {
                break;
            }
            int n = Math.min(trace.blockTokens(), remaining);
            if (!text.isEmpty()) {
                text.append(' ');
            }
            // Shared within a replay, not across replays: the second speed must not find the first's blocks
            // in the server's cache, or it would look faster for that alone.
            text.append(prompts.continuation(n, BLOCK_KEY_BASE + ((long) levelNumber << BLOCK_KEY_LEVEL_SHIFT) + hash));
            remaining -= n;
        }
        if (remaining > 0) {
            text.append(' ').append(prompts.continuation(remaining, uniqueIndex));
        }
        return text.toString();
    }

    private void count(int promptTokens, int outputTokens) {
        askedPromptTokens.add(promptTokens);
        askedOutputTokens.add(outputTokens);
        asked.increment();
    }

    /** What requests asked for, in sum: prompt tokens by the run's tokenizer and max_tokens. */
    public record Asked(long requests, long promptTokens, long outputTokens) {
    }

    /** What the requests built so far asked for. */
    public Asked asked() {
        return new Asked(asked.sum(), askedPromptTokens.sum(), askedOutputTokens.sum());
    }

    /**
     * Counts requests built elsewhere as if built here: a distributed level's workers build its requests,
     * and the level holds the server's counts against what they asked.
     */
    public void addAsked(Asked elsewhere) {
        asked.add(elsewhere.requests());
        askedPromptTokens.add(elsewhere.promptTokens());
        askedOutputTokens.add(elsewhere.outputTokens());
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
