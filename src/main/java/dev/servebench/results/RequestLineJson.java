package dev.servebench.results;

import dev.servebench.json.Json;
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
    /** Digits of one number being written; one writer per thread (the requests.jsonl writer's). */
    private final char[] digits = new char[24];

    void write(JsonGenerator g, RequestLine l) throws IOException {
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
        if (l.askedPromptTokens() != null) {
            g.writeNumberField("asked_prompt_tokens", l.askedPromptTokens());
        }
        g.writeEndObject();
    }

    private void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            number(g, name, value.doubleValue());
        }
    }

    private void number(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNull();
        } else {
            int n = thousandths(value, digits);
            if (n > 0) {
                g.writeNumber(digits, 0, n);
            } else {
                g.writeNumber(value);
            }
        }
    }

    /**
     * Writes {@code value} into {@code out} exactly as {@link Double#toString(double)} would, when it
     * is a whole number of thousandths (every time in a line is rounded so) in [0.001, 10^7), and
     * returns the length; 0 for any other value, which the caller writes the general way. Jackson's
     * general way makes a String per number: the largest allocation left on the client's path.
     */
    static int thousandths(double value, char[] out) {
        double magnitude = Math.abs(value);
        long k = Math.round(value * 1000);
        if (k / 1000.0 != value || magnitude >= 1e7 || (magnitude < 1e-3 && value != 0)
                || Double.doubleToRawLongBits(value) == Long.MIN_VALUE) {
            return 0; // not thousandths, or where Double.toString switches to E notation, or -0.0
        }
        int i = 0;
        if (k < 0) {
            out[i++] = '-';
            k = -k;
        }
        long whole = k / 1000;
        int fraction = (int) (k % 1000);
        int start = i;
        do {
            out[i++] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        for (int a = start, b = i - 1; a < b; a++, b--) {
            char t = out[a];
            out[a] = out[b];
            out[b] = t;
        }
        out[i++] = '.';
        out[i++] = (char) ('0' + fraction / 100);
        if (fraction % 100 != 0) {
            out[i++] = (char) ('0' + fraction / 10 % 10);
            if (fraction % 10 != 0) {
                out[i++] = (char) ('0' + fraction % 10);
            }
        }
        return i;
    }
}
