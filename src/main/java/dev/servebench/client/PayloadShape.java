package dev.servebench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * What an unreadable payload looked like, without its text: a chunk or body can carry the model's answer (or the
 * user's prompt echoed back), which must not land in a record's error field, the tables or the database. JSON is
 * described by its field names, anything else by its length.
 */
final class PayloadShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FIELDS = 8;

    private PayloadShape() {
    }

    static String of(String payload) {
        if (payload == null || payload.isEmpty()) {
            return "empty";
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            node = null;
        }
        if (node == null) {
            return "not JSON" + (payload.stripLeading().startsWith("{") ? " (a broken or cut-off object)" : "") + ", "
                    + payload.length() + " characters";
        }
        if (!node.isObject()) {
            return "JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object";
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (names.size() < MAX_FIELDS) {
                names.add(n);
            }
        });
        return "a JSON object with fields " + names + (node.size() > MAX_FIELDS ? " and " + (node.size() - MAX_FIELDS)
                + " more" : "");
    }
}
