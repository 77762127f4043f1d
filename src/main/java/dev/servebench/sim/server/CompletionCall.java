package dev.servebench.sim.server;

import java.util.List;

/**
 * A parsed {@code /v1/completions} or {@code /v1/chat/completions} body.
 *
 * @param chat          true for the chat API
 * @param model         the requested model name
 * @param text          prompt text (chat: the messages' text parts joined)
 * @param imageUrls     image parts of chat messages
 * @param maxTokens     {@code max_completion_tokens}, else {@code max_tokens}, else the context left
 * @param minTokens     vLLM's {@code min_tokens}
 * @param ignoreEos     vLLM's {@code ignore_eos}
 * @param stream        SSE instead of one JSON body
 * @param includeUsage  {@code stream_options.include_usage}
 */
public record CompletionCall(boolean chat, String model, String text, List<String> imageUrls, int maxTokens,
                             int minTokens, boolean ignoreEos, boolean stream, boolean includeUsage) {
    public CompletionCall {
        imageUrls = List.copyOf(imageUrls);
    }
}
