package dev.servebench.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading HTTP/1.1 requests off a raw socket, for the test servers that answer byte by byte as they choose. */
public final class RawRequests {
    private RawRequests() {
    }

    private static final java.util.regex.Pattern MAX_TOKENS =
            java.util.regex.Pattern.compile("\"max(?:_completion)?_tokens\"\\s*:\\s*(\\d+)");

    /**
     * The max_tokens a request body asks for, or {@code otherwise}: test servers answer no more (a usage count past
     * it is refused by the client as impossible), and tell the preflight's one-token request from a run's.
     */
    public static int maxTokens(String body, int otherwise) {
        java.util.regex.Matcher m = MAX_TOKENS.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : otherwise;
    }

    /** One request: its head read, its Content-Length body returned; null at the end of the stream. */
    public static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int contentLength = 0;
        boolean sawAny = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            sawAny = true;
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).strip();
            line.reset();
            if (text.isEmpty()) {
                break;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(lower.substring("content-length:".length()).strip());
            }
        }
        byte[] body = in.readNBytes(contentLength);
        return sawAny && body.length == contentLength ? new String(body, StandardCharsets.UTF_8) : null;
    }
}
