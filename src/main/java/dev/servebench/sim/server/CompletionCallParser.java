package dev.servebench.sim.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a completion request body the way vLLM's OpenAI server (0.14.1, the version the simulator is
 * calibrated on) validates it: malformed JSON is a 400, fields of the wrong type or a missing
 * prompt/messages a 422 (pydantic validation), unsupported or out-of-range values ({@code n} > 1,
 * negative lengths, a negative temperature, inline images that are not base64) a 400.
 */
public final class CompletionCallParser {
    /**
     * Jackson refuses strings over 20 million characters by default, so one large inline image (a
     * 32 MB body) was "not valid JSON". Python's json has no such limit; no string can be longer than
     * the body, so the body limit is the string limit.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(SimOpenAiHandler.MAX_BODY_BYTES).build())
            .build());

    private CompletionCallParser() {
    }

    /** A request body as a JSON tree; 400 when it is not JSON. */
    static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body is not valid JSON", null);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("unreadable request body", null);
        }
    }

    /** @param defaultMaxTokens tokens to generate when the request gives no limit */
    public static CompletionCall parse(byte[] body, boolean chat, int defaultMaxTokens) {
        JsonNode root = readJson(body);
        if (root == null || !root.isObject()) {
            throw ApiError.invalid("request body must be a JSON object", null);
        }
        // "model" is optional: vLLM serves a request without one with its first served model since
        // February 2025 (vllm-project/vllm PR 13568, "Make model param optional in request"), so 0.14.1
        // does; OpenAI itself requires it. A wrong name is a 404 (SimOpenAiHandler).
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
                            String imageUrl = url.isTextual() ? url.asText() : url.path("url").asText();
                            checkDataUri(imageUrl);
                            images.add(imageUrl);
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
        checkTemperature(root);
        boolean ignoreEos = boolField(root, "ignore_eos");
        boolean stream = boolField(root, "stream");
        boolean includeUsage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
        return new CompletionCall(chat, model, text.toString(), images, maxTokens, minTokens, ignoreEos, stream,
                includeUsage);
    }

    /**
     * vLLM's {@code SamplingParams._verify_args}: a negative temperature is a 400 ("temperature must be
     * non-negative, got -9.0."). 0.14.1 has no upper bound: OpenAI's range [0, 2] became a vLLM check
     * only in 2026 (PR 44965, long after 0.14.1), so 2.5 is served. A non-finite value (1e999 reads as
     * infinity) is refused as later vLLM does: it cannot be a sampling temperature. Wrong types are 422,
     * as for the simulator's other fields.
     */
    private static void checkTemperature(JsonNode root) {
        JsonNode v = root.get("temperature");
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isNumber()) {
            throw ApiError.invalid("'temperature' must be a number", "temperature");
        }
        double t = v.asDouble();
        if (!Double.isFinite(t)) {
            throw ApiError.badRequest("temperature must be a finite number, got " + t + ".", "temperature");
        }
        if (t < 0) {
            throw ApiError.badRequest("temperature must be non-negative, got " + t + ".", "temperature");
        }
    }

    /**
     * An inline image must decode the way vLLM decodes it ({@code pybase64.b64decode(data,
     * validate=True)}): only the standard alphabet, at most two '=' at the end, and whole 4-character
     * groups (Python's "Incorrect padding"); vLLM answers anything else 400. Remote URLs are not
     * fetched by the simulator, so they are not checked.
     */
    static void checkDataUri(String url) {
        if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
            return;
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw ApiError.badRequest("image data URI has no ',' before its base64 data", "messages");
        }
        String header = url.substring(5, comma);
        if (!header.endsWith(";base64")) {
            throw ApiError.badRequest("Only base64 data URLs are supported for now.", "messages");
        }
        int start = comma + 1;
        int length = url.length() - start;
        if (length == 0) {
            throw ApiError.badRequest("image data URI has empty base64 data", "messages");
        }
        int padding = 0;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/';
            if (c == '=' && padding < 2) {
                padding++;
            } else if (!alphabet || padding > 0) {
                throw ApiError.badRequest("image data URI is not valid base64: " + describe(c) + " at offset "
                        + (i - start) + " of its data", "messages");
            }
        }
        if (length % 4 != 0) {
            throw ApiError.badRequest("image data URI is not valid base64: incorrect padding (" + length
                    + " characters, not a multiple of 4)", "messages");
        }
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format(java.util.Locale.ROOT, "U+%04X", (int) c);
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
