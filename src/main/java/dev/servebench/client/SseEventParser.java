package dev.servebench.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental parser for {@code text/event-stream} bodies (WHATWG HTML, "server-sent events").
 * Feed it bytes as they arrive, in any split; it calls back once per complete event with the
 * event's {@code data} (several {@code data:} lines joined by newlines). Lines may end in CRLF,
 * LF or CR; comment lines (starting with ':') and fields other than {@code data} are ignored.
 *
 * <p>Deliberately lenient in one place: an event still open when the stream ends is delivered by
 * {@link #finish()}, because some servers omit the final blank line.
 */
public final class SseEventParser {
    private final Consumer<String> onData;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean lastByteWasCr;

    public SseEventParser(Consumer<String> onData) {
        this.onData = onData;
    }

    public void feed(byte[] buffer, int offset, int length) {
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            byte b = buffer[i];
            if (b == '\n' || b == '\r') {
                boolean lfAfterCr = b == '\n' && lastByteWasCr && i == lineStart && line.size() == 0;
                lastByteWasCr = b == '\r';
                if (lfAfterCr) {
                    lineStart = i + 1;
                    continue;
                }
                line.write(buffer, lineStart, i - lineStart);
                processLine();
                lineStart = i + 1;
            } else {
                lastByteWasCr = false;
            }
        }
        if (lineStart < end) {
            line.write(buffer, lineStart, end - lineStart);
        }
    }

    /** Signals end of stream; delivers a trailing event that had no blank line after it. */
    public void finish() {
        if (line.size() > 0) {
            processLine();
        }
        dispatch();
    }

    private void processLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return; // comment or keep-alive
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }

    private void dispatch() {
        if (!hasData) {
            return;
        }
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        onData.accept(event);
    }
}
