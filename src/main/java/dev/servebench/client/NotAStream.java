package dev.servebench.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Says what a 200 answer was when a stream was asked for and no server-sent event arrived: an HTML login page of a
 * proxy, a compressed body nobody asked for, binary bytes, a whole JSON answer, lines without {@code data:}, nothing.
 * Told apart from a stream the server cut short (truncated), because the fix differs: the URL or the proxy, not
 * the server's health.
 */
final class NotAStream {
    /** How much of the body is kept to show (and to tell text from binary). */
    static final int OPENING_BYTES = 120;

    private NotAStream() {
    }

    static String describe(String contentType, String contentEncoding, byte[] opening, long bodyBytes) {
        String got;
        if (bodyBytes == 0) {
            got = "an empty body" + (contentType == null ? "" : " (" + contentType + ")");
        } else if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            got = "a " + contentEncoding.trim() + "-encoded body servebench did not ask for (a proxy compressing "
                    + "answers?)";
        } else if (!looksLikeText(opening)) {
            got = (contentType == null ? "" : contentType + ", ") + "binary, " + bodyBytes + " bytes";
        } else {
            String text = new String(opening, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            String type = contentType == null ? "no Content-Type" : contentType;
            boolean json = type.toLowerCase(Locale.ROOT).contains("json") || text.startsWith("{");
            boolean events = type.toLowerCase(Locale.ROOT).contains("event-stream");
            // A page says what it is by its first bytes; JSON and stream lines may hold the model's answer, so only
            // their size is told.
            got = type + (json ? " (a whole answer where a stream was asked: the server ignored stream: true?), "
                    + bodyBytes + " bytes" : events ? " without a single 'data:' line, " + bodyBytes + " bytes"
                    : ", starting '" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'");
        }
        return "not an OpenAI-compatible streaming endpoint: got " + got;
    }

    /** Mostly printable UTF-8 (tabs and line ends allowed): what a page or JSON body is and random bytes are not. */
    private static boolean looksLikeText(byte[] b) {
        int control = 0;
        for (byte x : b) {
            int c = x & 0xff;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                control++;
            }
        }
        if (control > 0) {
            return false;
        }
        // The opening may end inside a character: a well-formed body is well formed less its last 0 to 3 bytes.
        for (int cut = 0; cut <= Math.min(3, b.length); cut++) {
            if (Utf8.isWellFormed(b, 0, b.length - cut)) {
                return true;
            }
        }
        return false;
    }
}
