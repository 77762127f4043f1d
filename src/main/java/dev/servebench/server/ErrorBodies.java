package dev.servebench.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI-shaped error JSON: {@code {"error":{"message":…,"type":…,"param":null,"code":…}}}. */
public final class ErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    public static String openAi(int code, String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return root.toString();
    }
}
