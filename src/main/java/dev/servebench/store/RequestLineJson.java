package dev.servebench.store;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a {@link RequestLine} as the JSON object {@link Json#mapper()} would make of it (snake_case
 * names in component order, nulls left out, non-finite numbers as null), field by field. The
 * mapper's record serialization goes through reflection and was a tenth of the client's CPU at
 * 2,000 concurrent streams (BENCHMARKS.md, issue #15); {@code RequestLineJsonTest} holds the two
 * outputs equal, so {@link RequestLine} stays the one definition of the line.
 */
final class RequestLineJson {
    private RequestLineJson() {
    }

    static void write(JsonGenerator g, RequestLine l) throws IOException {
        g.writeStartObject();
        string(g, "phase", l.phase());
        string(g, "level", l.level());
        g.writeNumberField("index", l.index());
        number(g, "scheduled_ms", l.scheduledMs());
        number(g, "sent_ms", l.sentMs());
        number(g, "first_token_ms", l.firstTokenMs());
        number(g, "end_ms", l.endMs());
        number(g, "latency_ms", l.latencyMs());
        number(g, "ttft_ms", l.ttftMs());
        number(g, "ttfat_ms", l.ttfatMs());
        number(g, "tpot_ms", l.tpotMs());
        if (l.itlMs() != null) {
            g.writeFieldName("itl_ms");
            double[] itl = l.itlMs();
            g.writeArray(itl, 0, itl.length);
        }
        g.writeNumberField("prompt_tokens", l.promptTokens());
        g.writeNumberField("completion_tokens", l.completionTokens());
        string(g, "token_source", l.tokenSource());
        g.writeNumberField("http_status", l.httpStatus());
        string(g, "outcome", l.outcome());
        string(g, "finish_reason", l.finishReason());
        string(g, "error", l.error());
        string(g, "connection", l.connection());
        number(g, "connect_ms", l.connectMs());
        if (l.retries() != null) {
            g.writeNumberField("retries", l.retries());
        }
        if (l.turn() != null) {
            g.writeNumberField("turn", l.turn());
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            number(g, name, value.doubleValue());
        }
    }

    private static void number(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
