package dev.servebench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Counts tokens with the server's own tokenizer: vLLM's {@code POST /tokenize} with
 * {@code {"model","prompt"}} answering {@code {"count": n, ...}}, or llama.cpp's with
 * {@code {"content"}} answering {@code {"tokens": [...]}}.
 */
public final class RemoteTokenizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndpointConfig endpoint;
    private final HttpClient http;

    public RemoteTokenizer(EndpointConfig endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout()).build();
    }

    public int count(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", endpoint.model());
        body.put("prompt", text);
        body.put("content", text);
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint.resolve("/tokenize"))
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        endpoint.apiKey().ifPresent(k -> rb.header("Authorization", k.authorizationHeader()));
        try {
            HttpResponse<String> response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("the server's /tokenize answered HTTP " + response.statusCode()
                        + "; --prompt exact needs it (use --prompt random or paper instead)");
            }
            JsonNode root = JSON.readTree(response.body());
            if (root.has("count")) {
                return root.get("count").asInt();
            }
            if (root.path("tokens").isArray()) {
                return root.get("tokens").size();
            }
            throw new IllegalArgumentException("the server's /tokenize answer has neither count nor tokens");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + endpoint.resolve("/tokenize") + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tokenizing", e);
        }
    }
}
