package dev.servebench.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.servebench.json.Json;

/**
 * JSON that can sit inside an HTML {@code <script>} element. The HTML parser ends a script at the
 * first {@code </script}, whatever JSON thinks is a string, so {@code < > &} (and the line
 * separators JavaScript treats as newlines) are written as \\u escapes: the same JSON value,
 * with no character the HTML tokenizer reacts to.
 */
public final class ScriptSafeJson {
    private ScriptSafeJson() {
    }

    public static String write(Object value) {
        try {
            return escape(Json.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not serializable", e);
        }
    }

    static String escape(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
