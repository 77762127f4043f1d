package dev.servebench.client;

import java.util.Locale;

/**
 * A server's {@code Keep-Alive: timeout=5, max=100} announcement (RFC 2068 section 19.7.1.1, still
 * sent by llama.cpp's cpp-httplib, Apache and nginx). Either part may be absent: -1.
 *
 * @param timeoutSeconds how long the server keeps an idle connection open
 * @param max            how many requests the server allows on the connection; servers differ on
 *                       whether it counts the current one, so the pool reads it conservatively
 */
record KeepAlive(long timeoutSeconds, long max) {
    static final KeepAlive NONE = new KeepAlive(-1, -1);

    static KeepAlive parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        long timeout = -1;
        long max = -1;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            long value = parseLong(kv[1].strip());
            switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                case "timeout" -> timeout = value;
                case "max" -> max = value;
                default -> {
                    // other parameters carry nothing the pool needs
                }
            }
        }
        return new KeepAlive(timeout, max);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
