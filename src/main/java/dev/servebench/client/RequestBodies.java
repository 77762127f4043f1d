package dev.servebench.client;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.servebench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds OpenAI-compatible request JSON, streamed member by member: one body per request is on
 * the measured path, and a tree of nodes per body cost more than writing it (issue #15).
 */
public final class RequestBodies {
    /**
     * Jackson keeps its scratch buffers per thread by default: with one virtual thread per request in
     * flight that was ~16 KB of buffers per stream, most of the heap at 10,000 streams (issue #15). A
     * shared pool hands the few buffers in use at once from one request to the next.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedLockFreePool()).build();

    private RequestBodies() {
    }

    public static byte[] build(String model, ApiKind api, boolean stream, CompletionRequest request) {
        if (api != ApiKind.CHAT && !request.imageUrls().isEmpty()) {
            throw new BadInputException("images need the chat API; drop --api completions or --images");
        }
        ByteArrayBuilder bytes = new ByteArrayBuilder(256 + request.prompt().length());
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            if (api == ApiKind.CHAT) {
                writeMessages(g, request);
                g.writeNumberField("max_completion_tokens", request.maxTokens());
            } else {
                // The completions API has no roles: a conversation is its text run together, in order.
                StringBuilder prompt = new StringBuilder();
                for (ChatMessage earlier : request.history()) {
                    prompt.append(earlier.content()).append("\n\n");
                }
                g.writeStringField("prompt", prompt.append(request.prompt()).toString());
            }
            // Older servers (and llama.cpp) read only max_tokens; vLLM prefers max_completion_tokens for chat.
            g.writeNumberField("max_tokens", request.maxTokens());
            g.writeNumberField("temperature", request.temperature());
            if (request.seed().isPresent()) {
                g.writeNumberField("seed", request.seed().getAsLong());
            }
            g.writeBooleanField("stream", stream);
            if (stream) {
                g.writeObjectFieldStart("stream_options");
                g.writeBooleanField("include_usage", true);
                g.writeEndObject();
            }
            if (request.ignoreEos()) {
                g.writeBooleanField("ignore_eos", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayBuilder never fails to take bytes
        }
        return bytes.toByteArray();
    }

    private static void writeMessages(JsonGenerator g, CompletionRequest request) throws IOException {
        g.writeArrayFieldStart("messages");
        for (ChatMessage earlier : request.history()) {
            g.writeStartObject();
            g.writeStringField("role", earlier.role().wireName());
            g.writeStringField("content", earlier.content());
            g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("role", "user");
        if (request.imageUrls().isEmpty()) {
            g.writeStringField("content", request.prompt());
        } else {
            g.writeArrayFieldStart("content");
            g.writeStartObject();
            g.writeStringField("type", "text");
            g.writeStringField("text", request.prompt());
            g.writeEndObject();
            for (String url : request.imageUrls()) {
                g.writeStartObject();
                g.writeStringField("type", "image_url");
                g.writeObjectFieldStart("image_url");
                g.writeStringField("url", url);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
    }
}
