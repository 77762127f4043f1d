package dev.servebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;

/**
 * An OpenAI-compatible server that answers at once: {@code max_tokens} one-word chunks with no
 * delay, then usage and {@code [DONE]}. Measures the client, not a model: {@code selfcheck} runs
 * against it to find the client's ceiling, and {@code bench} uses it when no target is given and
 * no simulator is available.
 */
public final class InstantOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_TEXT = " tok";

    private final StreamingHttpServer http;

    private InstantOpenAiServer(StreamingHttpServer http) {
        this.http = http;
    }

    public static InstantOpenAiServer startLoopback() throws IOException {
        return new InstantOpenAiServer(StreamingHttpServer.startLoopback(InstantOpenAiServer::handle));
    }

    public URI baseUri() {
        return http.baseUri();
    }

    @Override
    public void close() {
        http.close();
    }

    private static void handle(HttpExchange exchange) {
        String path = exchange.path();
        if (path.equals("/health")) {
            exchange.respondJson(200, "{}");
            return;
        }
        if (path.equals("/v1/models")) {
            exchange.respondJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"instant\",\"object\":\"model\","
                    + "\"owned_by\":\"servebench\"}]}");
            return;
        }
        boolean chat = path.equals("/v1/chat/completions");
        if (!chat && !path.equals("/v1/completions")) {
            exchange.respondJson(404, ErrorBodies.openAi(404, "NotFoundError", "no route " + path));
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(exchange.body());
        } catch (IOException e) {
            exchange.respondJson(400, ErrorBodies.openAi(400, "BadRequestError", "request body is not JSON"));
            return;
        }
        int maxTokens = request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(16));
        String model = request.path("model").asText("instant");
        int promptTokens = (promptChars(request, chat) + 3) / 4;
        String usage = "{\"prompt_tokens\":" + promptTokens + ",\"total_tokens\":" + (promptTokens + maxTokens)
                + ",\"completion_tokens\":" + maxTokens + "}";
        String head = "{\"id\":\"cmpl-instant\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
                + "\",\"created\":0,\"model\":" + JSON.valueToTree(model) + ",\"choices\":[";
        if (!request.path("stream").asBoolean(false)) {
            String text = TOKEN_TEXT.repeat(maxTokens);
            String choice = chat
                    ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"length\"}"
                    : "{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":\"length\"}";
            exchange.respondJson(200, head.replace("chat.completion.chunk", "chat.completion") + choice
                    + "],\"usage\":" + usage + "}");
            return;
        }
        EventStream stream = exchange.startEventStream();
        String content = chat ? "{\"index\":0,\"delta\":{\"content\":\"" + TOKEN_TEXT + "\"},\"finish_reason\":null}"
                : "{\"index\":0,\"text\":\"" + TOKEN_TEXT + "\",\"finish_reason\":null}";
        String last = chat ? "{\"index\":0,\"delta\":{\"content\":\"" + TOKEN_TEXT + "\"},\"finish_reason\":\"length\"}"
                : "{\"index\":0,\"text\":\"" + TOKEN_TEXT + "\",\"finish_reason\":\"length\"}";
        for (int i = 0; i < maxTokens; i++) {
            stream.queue(head + (i == maxTokens - 1 ? last : content) + "]}");
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            stream.queue(head + "],\"usage\":" + usage + "}");
        }
        stream.queue("[DONE]");
        stream.close();
    }

    private static int promptChars(JsonNode request, boolean chat) {
        if (!chat) {
            return request.path("prompt").asText("").length();
        }
        int chars = 0;
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                chars += content.asText().length();
            } else {
                for (JsonNode part : content) {
                    chars += part.path("text").asText("").length();
                }
            }
        }
        return chars;
    }
}
