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

    public int count(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", client.endpoint().model());
        body.put("prompt", text);
        body.put("content", text);
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
