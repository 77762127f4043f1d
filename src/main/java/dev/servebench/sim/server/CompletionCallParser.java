package dev.servebench.sim.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a completion request body the way vLLM's OpenAI server validates it: malformed JSON is a
 * 400, fields of the wrong type or a missing prompt/messages a 422 (pydantic validation),
 * unsupported values ({@code n} > 1, negative lengths) a 400.
 */
public final class CompletionCallParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompletionCallParser() {
    }

    /** @param defaultMaxTokens tokens to generate when the request gives no limit */
    public static CompletionCall parse(byte[] body, boolean chat, int defaultMaxTokens) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body is not valid JSON", null);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("unreadable request body", null);
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid("request body must be a JSON object", null);
        }
        String model = root.path("model").isTextual() ? root.path("model").asText() : null;
        StringBuilder text = new StringBuilder();
        List<String> images = new ArrayList<>();
        if (chat) {
            JsonNode messages = root.path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                throw ApiError.invalid("'messages' must be a non-empty array", "messages");
            }
            for (JsonNode m : messages) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    appendText(text, content.asText());
                } else if (content.isArray()) {
                    for (JsonNode part : content) {
                        String type = part.path("type").asText();
                        if (type.equals("text")) {
                            appendText(text, part.path("text").asText());
                        } else if (type.equals("image_url")) {
                            JsonNode url = part.path("image_url");
                            images.add(url.isTextual() ? url.asText() : url.path("url").asText());
                        } else {
                            throw ApiError.invalid("unsupported content part type '" + type + "'", "messages");
                        }
                    }
                } else if (!content.isNull() && !content.isMissingNode()) {
                    throw ApiError.invalid("message content must be a string or an array of parts", "messages");
                }
            }
        } else {
            JsonNode prompt = root.path("prompt");
            if (prompt.isTextual()) {
                text.append(prompt.asText());
            } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
                text.append(prompt.get(0).asText());
            } else if (prompt.isArray() && prompt.size() > 1) {
                throw ApiError.badRequest("the simulator serves one prompt per request", "prompt");
            } else {
                throw ApiError.invalid("'prompt' must be a string", "prompt");
            }
        }
        int n = intField(root, "n", 1);
        if (n != 1) {
            throw ApiError.badRequest("only n=1 is supported", "n");
        }
        int maxTokens = intField(root, "max_completion_tokens", intField(root, "max_tokens", defaultMaxTokens));
        if (maxTokens < 1) {
            throw ApiError.badRequest("max_tokens must be at least 1, got " + maxTokens, "max_tokens");
        }
        int minTokens = intField(root, "min_tokens", 0);
        if (minTokens < 0 || minTokens > maxTokens) {
            throw ApiError.badRequest("min_tokens must be within 0..max_tokens, got " + minTokens, "min_tokens");
        }
        boolean ignoreEos = boolField(root, "ignore_eos");
        boolean stream = boolField(root, "stream");
        boolean includeUsage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
        return new CompletionCall(chat, model, text.toString(), images, maxTokens, minTokens, ignoreEos, stream,
                includeUsage);
    }

    private static void appendText(StringBuilder sb, String s) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(s);
    }

    private static int intField(JsonNode root, String name, int dflt) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.invalid("'" + name + "' must be an integer", name);
        }
        return v.asInt();
    }

    private static boolean boolField(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiError.invalid("'" + name + "' must be a boolean", name);
        }
        return v.asBoolean();
    }
}
