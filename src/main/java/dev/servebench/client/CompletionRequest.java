package dev.servebench.client;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What to ask the server for, independent of the wire format.
 *
 * @param prompt      the user text
 * @param imageUrls   image URLs or {@code data:} URIs attached to a chat message (chat only)
 * @param maxTokens   output limit, sent as {@code max_tokens} and {@code max_completion_tokens}
 * @param ignoreEos   send vLLM's {@code ignore_eos} extension so the output is exactly {@code maxTokens} long
 * @param temperature sampling temperature
 * @param history     the conversation so far, oldest first, before this prompt (empty for a single turn)
 * @param seed        sampling seed sent as {@code seed} (vLLM, llama.cpp, OpenAI take one); empty sends none
 * @param askedPromptTokens the prompt's length as the run counted it when building the request (a dataset entry's
 *                    count, a generated prompt's target), {@link #UNKNOWN} where none was: vLLM's client reports
 *                    this {@code prompt_len}, not the server's count, which adds the chat template
 */
public record CompletionRequest(String prompt, List<String> imageUrls, int maxTokens, boolean ignoreEos,
                                double temperature, List<ChatMessage> history, OptionalLong seed,
                                int askedPromptTokens) {
    public static final int UNKNOWN = -1;

    public CompletionRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(seed, "seed");
        imageUrls = List.copyOf(imageUrls);
        history = List.copyOf(history);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
    }

    /** A request whose prompt length the run did not count. */
    public CompletionRequest(String prompt, List<String> imageUrls, int maxTokens, boolean ignoreEos,
                             double temperature, List<ChatMessage> history, OptionalLong seed) {
        this(prompt, imageUrls, maxTokens, ignoreEos, temperature, history, seed, UNKNOWN);
    }

    /** A request without a seed. */
    public CompletionRequest(String prompt, List<String> imageUrls, int maxTokens, boolean ignoreEos,
                             double temperature, List<ChatMessage> history) {
        this(prompt, imageUrls, maxTokens, ignoreEos, temperature, history, OptionalLong.empty());
    }

    /** A request on its own, with no conversation before it. */
    public CompletionRequest(String prompt, List<String> imageUrls, int maxTokens, boolean ignoreEos,
                             double temperature) {
        this(prompt, imageUrls, maxTokens, ignoreEos, temperature, List.of());
    }

    /** The same request as the next turn of a conversation that said {@code earlier}. */
    public CompletionRequest after(List<ChatMessage> earlier) {
        return new CompletionRequest(prompt, imageUrls, maxTokens, ignoreEos, temperature, earlier, seed,
                askedPromptTokens);
    }

    /** The same request with a fixed sampling seed, for answers that repeat (accuracy checks). */
    public CompletionRequest withSeed(long value) {
        return new CompletionRequest(prompt, imageUrls, maxTokens, ignoreEos, temperature, history,
                OptionalLong.of(value), askedPromptTokens);
    }

    /** The same request, with the prompt length the run counted for it. */
    public CompletionRequest withAskedPromptTokens(int tokens) {
        return new CompletionRequest(prompt, imageUrls, maxTokens, ignoreEos, temperature, history, seed, tokens);
    }

    public static CompletionRequest text(String prompt, int maxTokens, boolean ignoreEos) {
        return new CompletionRequest(prompt, List.of(), maxTokens, ignoreEos, 0.0);
    }

    /** True when the output length is forced, so a shorter completion is a defect. */
    public boolean lengthForced() {
        return ignoreEos;
    }
}
