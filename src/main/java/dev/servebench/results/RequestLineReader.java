package dev.servebench.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.servebench.json.Json;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one line of {@code requests.jsonl} back into a {@link RequestLine}: the inverse of {@link RequestLineJson},
 * field by field on a streaming parser (a report reads millions of inter-token gaps; mapping records by reflection
 * cost several times as much). Lenient the way every reader of the file was: fields it does not know (written by a
 * newer version) are skipped, fields a line lacks (written by an older version, before {@code ttfat_ms},
 * {@code connection}, {@code turn} or {@code asked_prompt_tokens} existed) are absent, and a value of the wrong kind
 * counts as absent. Absent is null for the nullable components, NaN for the other times and 0 for the other counts.
 * Only a line that is not JSON at all (cut short) throws.
 */
final class RequestLineReader {
    private RequestLineReader() {
    }

    /**
     * The line, or null when it is JSON but not an object.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not valid JSON
     */
    static RequestLine read(String text) throws IOException {
        try (JsonParser p = Json.mapper().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String phase = null;
            String level = null;
            int index = 0;
            double scheduledMs = Double.NaN;
            double sentMs = Double.NaN;
            Double firstTokenMs = null;
            double endMs = Double.NaN;
            double latencyMs = Double.NaN;
            Double ttftMs = null;
            Double ttfatMs = null;
            Double tpotMs = null;
            double[] itlMs = null;
            int promptTokens = 0;
            int completionTokens = 0;
            String tokenSource = null;
            int httpStatus = 0;
            String outcome = null;
            String finishReason = null;
            String error = null;
            String connection = null;
            Double connectMs = null;
            Integer retries = null;
            Integer turn = null;
            Integer askedPromptTokens = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "phase" -> phase = text(p, value);
                    case "level" -> level = text(p, value);
                    case "index" -> index = intOr0(number(p, value));
                    case "scheduled_ms" -> scheduledMs = nanIfAbsent(number(p, value));
                    case "sent_ms" -> sentMs = nanIfAbsent(number(p, value));
                    case "first_token_ms" -> firstTokenMs = number(p, value);
                    case "end_ms" -> endMs = nanIfAbsent(number(p, value));
                    case "latency_ms" -> latencyMs = nanIfAbsent(number(p, value));
                    case "ttft_ms" -> ttftMs = number(p, value);
                    case "ttfat_ms" -> ttfatMs = number(p, value);
                    case "tpot_ms" -> tpotMs = number(p, value);
                    case "itl_ms" -> itlMs = numbers(p, value);
                    case "prompt_tokens" -> promptTokens = intOr0(number(p, value));
                    case "completion_tokens" -> completionTokens = intOr0(number(p, value));
                    case "token_source" -> tokenSource = text(p, value);
                    case "http_status" -> httpStatus = intOr0(number(p, value));
                    case "outcome" -> outcome = text(p, value);
                    case "finish_reason" -> finishReason = text(p, value);
                    case "error" -> error = text(p, value);
                    case "connection" -> connection = text(p, value);
                    case "connect_ms" -> connectMs = number(p, value);
                    case "retries" -> retries = integer(number(p, value));
                    case "turn" -> turn = integer(number(p, value));
                    case "asked_prompt_tokens" -> askedPromptTokens = integer(number(p, value));
                    default -> p.skipChildren();
                }
            }
            return new RequestLine(phase, level, index, scheduledMs, sentMs, firstTokenMs, endMs, latencyMs, ttftMs,
                    ttfatMs, tpotMs, itlMs, promptTokens, completionTokens, tokenSource, httpStatus, outcome,
                    finishReason, error, connection, connectMs, retries, turn, askedPromptTokens);
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static Double number(JsonParser p, JsonToken value) throws IOException {
        if (value.isNumeric()) {
            return p.getDoubleValue();
        }
        p.skipChildren();
        return null;
    }

    private static double[] numbers(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        double[] out = new double[16];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in an array");
            }
            if (t.isNumeric()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = p.getDoubleValue();
            } else {
                p.skipChildren();
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static double nanIfAbsent(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static int intOr0(Double v) {
        return v == null ? 0 : (int) v.doubleValue();
    }

    private static Integer integer(Double v) {
        return v == null ? null : (int) v.doubleValue();
    }
}
