package dev.servebench.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Counts tokens with the server's own tokenizer: vLLM's {@code POST /tokenize} with
 * {@code {"model","prompt"}} answering {@code {"count": n, ...}}, or llama.cpp's with
 * {@code {"content"}} answering {@code {"tokens": [...]}}. One body carries both shapes' fields.
 */
public final class RemoteTokenizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiClient client;

    public RemoteTokenizer(OpenAiClient client) {
        this.client = client;
    }

    /** The text's tokens as the server's /tokenize counts them by default (prompt sizing is calibrated on it). */
    public int count(String text) {
        return count(text, false);
    }

    /**
     * The text's tokens with the tokenizer's special tokens (BOS), as vLLM's benchmark client counts a
     * dataset's prompts and answers ({@code len(tokenizer(text).input_ids)}): asked for explicitly, because
     * llama.cpp's /tokenize leaves them out unless {@code add_special} is true (vLLM's adds them by default).
     */
    public int countWithSpecialTokens(String text) {
        return count(text, true);
    }

    private int count(String text, boolean withSpecialTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", client.endpoint().model());
        body.put("prompt", text);
        body.put("content", text);
        if (withSpecialTokens) {
            body.put("add_special_tokens", true); // vLLM
            body.put("add_special", true); // llama.cpp
        }
        OpenAiClient.JsonAnswer answer = client.postJson("/tokenize", body.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        if (answer.status() != 200) {
            throw new ServerCallException("the server's /tokenize answered HTTP " + answer.status());
        }
        try {
            JsonNode root = JSON.readTree(answer.body());
            if (root.has("count")) {
                return root.get("count").asInt();
            }
            if (root.path("tokens").isArray()) {
                return root.get("tokens").size();
            }
        } catch (JsonProcessingException e) {
            // fall through to the error below
        }
        throw new ServerCallException("the server's /tokenize answer has neither count nor tokens");
    }
}
