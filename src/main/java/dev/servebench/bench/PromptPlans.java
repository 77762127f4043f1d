package dev.servebench.bench;

import dev.servebench.BadInputException;
import dev.servebench.client.CompletionRequest;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RemoteTokenizer;
import dev.servebench.client.ServerCallException;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.prompt.ExactPrompts;
import dev.servebench.prompt.HfTokenizerFile;
import dev.servebench.prompt.PaperPrompts;
import dev.servebench.prompt.SingleTokenWords;
import dev.servebench.prompt.TokenCounter;
import dev.servebench.prompt.WordPrompts;

import java.util.List;
import java.util.function.Consumer;

/**
 * Settles a run's {@link PromptPlan} against a real server: picks the tokenizer (a local
 * tokenizer.json, the server's /tokenize, or the four-characters estimate), finds the words that
 * tokenizer keeps whole, and measures what the server adds to the text with one probe request, so
 * that each level can compare the prompt tokens the server counted with what was asked.
 */
public final class PromptPlans {
    /** The probe's prompt: long enough to be a real prompt, short enough to cost nothing. */
    private static final int PROBE_TOKENS = 16;

    private PromptPlans() {
    }

    private static PromptPlan paperPlan() {
        return new PromptPlan(new PaperPrompts(), "the study's passage at ~4 characters per token", false,
                PromptPlan.UNKNOWN);
    }

    /** Unique prompts sized by the four-characters-per-token rule: no tokenizer to count with. */
    private static PromptPlan estimatedPlan(BenchmarkConfig config) {
        return new PromptPlan(WordPrompts.estimated(config.seed()), "~4 characters per token (estimate)", false,
                PromptPlan.UNKNOWN);
    }

    /** Without a server: the config's mode, sized by the estimate (tests, the virtual-time simulator). */
    public static PromptPlan offline(BenchmarkConfig config) {
        PromptPlan plan = switch (config.promptMode()) {
            case PAPER -> paperPlan();
            case RANDOM -> estimatedPlan(config);
            case PAPER_EXACT -> throw new BadInputException(
                    "--prompt paper-exact needs a tokenizer: the server's /tokenize or --tokenizer FILE");
        };
        return plan.withRequests(RequestSources.prepare(config, null, line -> { }));
    }

    /**
     * Prepares the plan for {@code client}'s server; {@code say} receives one line per decision. A
     * local tokenizer stays open for the life of the process: prompts are made until the last level.
     */
    public static PromptPlan prepare(BenchmarkConfig config, OpenAiClient client, TokenizerChoice choice,
                                     Consumer<String> say) {
        Counter counter = counter(config, client, choice, say);
        PromptPlan plan = switch (config.promptMode()) {
            case PAPER -> paperPlan();
            case PAPER_EXACT -> {
                if (counter == null) {
                    throw new BadInputException("--prompt paper-exact needs a tokenizer, and "
                            + "the server's /tokenize did not answer; give --tokenizer FILE (tokenizer.json)");
                }
                yield new PromptPlan(new ExactPrompts(counter.counter), counter.name, true, PromptPlan.UNKNOWN);
            }
            case RANDOM -> randomPlan(config, counter, say);
        };
        // A dataset's texts are counted as vLLM's client counts them, special tokens (BOS) included, so its
        // length filter keeps the same entries and the same max_tokens go out (issue #28).
        return plan.withTemplateOverhead(measureOverhead(client, plan, say))
                .withRequests(RequestSources.prepare(config, counter == null ? null : counter.datasetCounter, say));
    }

    /** One line for the console: how prompts are made, counted, and what the server should count. */
    public static String describe(PromptPlan plan, PromptMode mode) {
        String what = plan.requests() instanceof RequestSource.Synthetic ? generated(plan, mode)
                : "prompt text counted by " + plan.countedBy();
        return plan.templateOverheadTokens() >= 0
                ? what + "; the server adds " + plan.templateOverheadTokens() + " tokens (chat template) to each"
                : what;
    }

    private static String generated(PromptPlan plan, PromptMode mode) {
        return switch (mode) {
            case PAPER -> "prompts: the study's passage, the same for every request (prefix caching can flatter "
                    + "the server), ~4 characters per token";
            case PAPER_EXACT -> "prompts: the study's passage, the same for every request (prefix caching can "
                    + "flatter the server), cut to the exact length by " + plan.countedBy();
            case RANDOM -> plan.exact()
                    ? "prompts: unique per request, exactly the asked tokens by " + plan.countedBy()
                    : "prompts: unique per request, sized at ~4 characters per token (no tokenizer)";
        };
    }

    /**
     * @param counter        for sizing generated prompts (without special tokens)
     * @param datasetCounter for a dataset's prompts and answers, special tokens included as vLLM's client counts
     */
    private record Counter(TokenCounter counter, TokenCounter datasetCounter, String name, boolean local) {
    }

    private static Counter counter(BenchmarkConfig config, OpenAiClient client, TokenizerChoice choice,
                                   Consumer<String> say) {
        return switch (choice.kind()) {
            case ESTIMATE -> null;
            case FILE -> {
                HfTokenizerFile file = HfTokenizerFile.open(choice.file().orElseThrow());
                yield new Counter(file, file::countWithSpecialTokens, "the tokenizer file " + file.file(), true);
            }
            case SERVER -> {
                RemoteTokenizer remote = new RemoteTokenizer(client);
                try {
                    remote.count("hello");
                } catch (ServerCallException e) {
                    throw new BadInputException("--tokenizer server: " + e.getMessage() + "; give --tokenizer FILE "
                            + "(the model's tokenizer.json) or --tokenizer auto", e);
                }
                yield new Counter(remote::count, remote::countWithSpecialTokens, "the server's /tokenize", false);
            }
            case AUTO -> {
                if (config.promptMode() == PromptMode.PAPER) {
                    yield null;
                }
                RemoteTokenizer remote = new RemoteTokenizer(client);
                try {
                    remote.count("hello");
                    yield new Counter(remote::count, remote::countWithSpecialTokens, "the server's /tokenize", false);
                } catch (ServerCallException e) {
                    say.accept("prompts: the server has no usable /tokenize (" + e.getMessage() + "); sizing "
                            + "prompts at ~4 characters per token. Give --tokenizer FILE (the model's "
                            + "tokenizer.json) for exact lengths.");
                    yield null;
                }
            }
        };
    }

    private static PromptPlan randomPlan(BenchmarkConfig config, Counter counter, Consumer<String> say) {
        if (counter == null) {
            return estimatedPlan(config);
        }
        List<String> words = SingleTokenWords.select(counter.counter);
        if (words.size() < SingleTokenWords.MIN_WORDS) {
            say.accept("prompts: only " + words.size() + " of the prompt words are single tokens for "
                    + counter.name + "; sizing prompts at ~4 characters per token instead");
            return estimatedPlan(config);
        }
        // A local tokenizer checks every prompt; a remote one is asked only here, never during a level.
        int correction = SingleTokenWords.startCorrection(counter.counter, words, config.seed());
        WordPrompts prompts = new WordPrompts(words, config.seed(), correction,
                counter.local ? counter.counter : null);
        return new PromptPlan(prompts, counter.name, true, PromptPlan.UNKNOWN);
    }

    /**
     * Sends one short request and subtracts the prompt's own length from the server's
     * {@code usage.prompt_tokens}: what the chat template (and BOS) add to every prompt.
     */
    private static int measureOverhead(OpenAiClient client, PromptPlan plan, Consumer<String> say) {
        if (!plan.exact()) {
            return PromptPlan.UNKNOWN;
        }
        String text = plan.prompts().prompt(PROBE_TOKENS, -1);
        RequestRecord probe = client.send(CompletionRequest.text(text, 1, false), System.nanoTime());
        if (probe.httpStatus() != 200 || probe.tokenSource() != TokenSource.USAGE) {
            say.accept("prompts: could not measure the chat template's tokens (probe request: "
                    + (probe.errorDetail() != null ? probe.errorDetail() : "no usage block") + ")");
            return PromptPlan.UNKNOWN;
        }
        return Math.max(0, probe.promptTokens() - PROBE_TOKENS);
    }
}
