package dev.servebench.client;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds OpenAI-compatible request JSON. */
public final class RequestBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBodies() {
    }

    public static byte[] build(String model, ApiKind api, boolean stream, CompletionRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        if (api == ApiKind.CHAT) {
            ArrayNode messages = body.putArray("messages");
            for (ChatMessage earlier : request.history()) {
                messages.addObject().put("role", earlier.role().wireName()).put("content", earlier.content());
            }
            ObjectNode user = messages.addObject();
            user.put("role", "user");
            if (request.imageUrls().isEmpty()) {
                user.put("content", request.prompt());
            } else {
                ArrayNode parts = user.putArray("content");
                parts.addObject().put("type", "text").put("text", request.prompt());
                for (String url : request.imageUrls()) {
                    ObjectNode part = parts.addObject().put("type", "image_url");
                    part.putObject("image_url").put("url", url);
                }
            }
            body.put("max_completion_tokens", request.maxTokens());
        } else {
            if (!request.imageUrls().isEmpty()) {
                throw new BadInputException("images need the chat API; drop --api completions or --images");
            }
            // The completions API has no roles: a conversation is its text run together, in order.
            StringBuilder prompt = new StringBuilder();
            for (ChatMessage earlier : request.history()) {
                prompt.append(earlier.content()).append("\n\n");
            }
            body.put("prompt", prompt.append(request.prompt()).toString());
        }
        // Older servers (and llama.cpp) read only max_tokens; vLLM prefers max_completion_tokens for chat.
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        request.seed().ifPresent(seed -> body.put("seed", seed));
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (request.ignoreEos()) {
            body.put("ignore_eos", true);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
