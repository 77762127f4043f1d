package dev.servebench.sim.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 over a socket, so tests see exactly the bytes the simulator sends. */
final class RawHttp {
    record Response(int status, String headers, String body, boolean resetOrCut) {
    }

    private RawHttp() {
    }

    static Response post(URI base, String path, String json) throws IOException {
        return exchange(base, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + json);
    }

    static Response get(URI base, String path) throws IOException {
        return exchange(base, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    static Response exchange(URI base, String raw) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            boolean cut = false;
            try {
                readResponse(in, buf);
            } catch (IOException e) {
                cut = true; // connection reset
            }
            String text = buf.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            if (split < 0) {
                return new Response(0, text, "", true);
            }
            String headers = text.substring(0, split);
            String body = text.substring(split + 4);
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
                cut |= !text.endsWith("0\r\n\r\n");
            }
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Response(status, headers, body, cut);
        }
    }

    /**
     * Reads until the server closes, or, for a response with a Content-Length, until that many body
     * bytes arrived: a kept-alive connection (a 413 keeps it open) would otherwise wait out the timeout.
     */
    private static void readResponse(InputStream in, ByteArrayOutputStream buf) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long expectedEnd = HEAD_INCOMPLETE;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            buf.write(chunk, 0, n);
            if (expectedEnd == HEAD_INCOMPLETE) {
                expectedEnd = endOfFixedLengthResponse(buf.toString(StandardCharsets.ISO_8859_1));
            }
            if (expectedEnd >= 0 && buf.size() >= expectedEnd) {
                return;
            }
        }
    }

    private static final long HEAD_INCOMPLETE = -1;
    private static final long UNTIL_CLOSE = -2;

    /** Total bytes of a response with a Content-Length, {@link #UNTIL_CLOSE} without one. */
    private static long endOfFixedLengthResponse(String soFar) {
        int split = soFar.indexOf("\r\n\r\n");
        if (split < 0) {
            return HEAD_INCOMPLETE;
        }
        for (String line : soFar.substring(0, split).split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                return split + 4 + Long.parseLong(lower.substring("content-length:".length()).trim());
            }
        }
        return UNTIL_CLOSE;
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            int end = Math.min(body.length(), eol + 2 + size);
            out.append(body, eol + 2, end);
            at = end + 2;
        }
        return out.toString();
    }
}
