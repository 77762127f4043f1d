package dev.servebench.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, one {@link Mode} per request (chosen by the
 * request's index in arrival order): the hostile servers, proxies and non-servers a benchmark meets in the field.
 * Every mode is bounded: the longest (an answer that never stops) ends after {@link #OVERLONG_CHUNKS} chunks or when
 * the client hangs up. Modes marked "keeps the connection" leave it open and answer the next request on it, so a
 * client that pools a broken connection is caught by that next answer.
 */
public final class HostileServer implements AutoCloseable {
    /** The chunks an answer that ignores max_tokens sends at most (about 6 MB). */
    public static final int OVERLONG_CHUNKS = 100_000;

    /** What the server does with one request. */
    public enum Mode {
        /** A well-formed streamed answer of exactly max_tokens chunks with a matching usage block. */
        HEALTHY(true),
        /** Valid chunks far past max_tokens (it ignores the limit). */
        OVERLONG(true),
        /** A chunked body whose first chunk size is "ZZ". Keeps the connection. */
        CHUNK_SIZE_NOT_HEX(true),
        /** A chunk size of "-5". Keeps the connection. */
        CHUNK_SIZE_NEGATIVE(true),
        /** A chunk size of 16 F's (beyond any int). Keeps the connection. */
        CHUNK_SIZE_HUGE(true),
        /** A chunk whose data is not followed by its CRLF. Keeps the connection. */
        CHUNK_WITHOUT_CRLF(true),
        /** A healthy answer followed by bytes beyond its Content-Length. Keeps the connection. */
        BYTES_BEYOND_CONTENT_LENGTH(true),
        /** A 100 KB response header. */
        HUGE_HEADER(false),
        /** Content-Length together with Transfer-Encoding: chunked, and a plain body. */
        CONTENT_LENGTH_AND_CHUNKED(false),
        /** A 200 text/html login page (a proxy in front of the server). */
        HTML_LOGIN_PAGE(false),
        /** The stream gzip-compressed, though no Accept-Encoding asked for it. */
        UNREQUESTED_GZIP(false),
        /** 200 with binary bytes. */
        BINARY_GARBAGE(false),
        /** A whole JSON completion where a stream was asked (stream: true ignored). */
        JSON_INSTEAD_OF_STREAM(false),
        /** SSE-looking lines without "data:" fields. */
        SSE_WITHOUT_DATA(false),
        /** 200 with an empty body. */
        EMPTY_200(false),
        /** Not HTTP at all: an SSH banner, then close. */
        NOT_HTTP(false),
        /** An interim 100 Continue, then a healthy answer. */
        CONTINUE_THEN_HEALTHY(true),
        /** A healthy stream whose usage claims 2,000,000,000 completion tokens. */
        IMPOSSIBLE_USAGE(true),
        /** A healthy stream whose usage claims -3 completion tokens. */
        NEGATIVE_USAGE(true),
        /** HTTP 200 and one chunk, then nothing until the client hangs up (at most {@link #STALL_MILLIS}). */
        STALL_AFTER_HEADERS(false);

        /** Whether the server keeps the connection open for the next request afterwards. */
        final boolean keepsConnection;

        Mode(boolean keepsConnection) {
            this.keepsConnection = keepsConnection;
        }
    }

    /** How long a stalled answer waits for the client to hang up before the server ends it itself. */
    public static final long STALL_MILLIS = 60_000;


    private final ServerSocket socket;
    private final IntFunction<Mode> modes;
    private final AtomicInteger requests = new AtomicInteger();
    /** Requests by the max_tokens they asked for: tells a run's requests from the preflight's one-token one. */
    private final java.util.Map<Integer, AtomicInteger> byMaxTokens = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private HostileServer(IntFunction<Mode> modes) throws IOException {
        this.socket = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.modes = modes;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** Every request gets {@code mode}. */
    public static HostileServer always(Mode mode) throws IOException {
        return new HostileServer(i -> mode);
    }

    /** The first {@code healthy} requests get a healthy answer (a run's preflight), every later one {@code mode}. */
    public static HostileServer after(int healthy, Mode mode) throws IOException {
        return new HostileServer(i -> i < healthy ? Mode.HEALTHY : mode);
    }

    /** The first request gets {@code mode}, every later one a healthy answer. */
    public static HostileServer first(Mode mode) throws IOException {
        return new HostileServer(i -> i == 0 ? mode : Mode.HEALTHY);
    }

    public java.net.URI baseUri() {
        return java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Requests read so far. */
    public int requests() {
        return requests.get();
    }

    /** Requests read so far that asked for {@code maxTokens} tokens. */
    public int requestsAsking(int maxTokens) {
        AtomicInteger n = byMaxTokens.get(maxTokens);
        return n == null ? 0 : n.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            String body;
            while ((body = RawRequests.readBody(in)) != null) {
                Mode mode = modes.apply(requests.getAndIncrement());
                int maxTokens = RawRequests.maxTokens(body, 16);
                byMaxTokens.computeIfAbsent(maxTokens, k -> new AtomicInteger()).incrementAndGet();
                answer(mode, maxTokens, out);
                out.flush();
                if (!mode.keepsConnection) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client hung up (as it should on an overlong or broken answer)
        } finally {
            open.remove(s);
        }
    }

    private static void answer(Mode mode, int maxTokens, OutputStream out) throws IOException {
        switch (mode) {
            case HEALTHY -> out.write(withLength("text/event-stream", stream(maxTokens, maxTokens)));
            case OVERLONG -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"));
                for (int i = 0; i < OVERLONG_CHUNKS; i++) {
                    out.write(ascii(chunk("tok")));
                }
                out.write(ascii("data: [DONE]\n\n"));
            }
            case CHUNK_SIZE_NOT_HEX -> out.write(ascii(chunkedHead() + "ZZ\r\n" + chunk("a") + "\r\n"));
            case CHUNK_SIZE_NEGATIVE -> out.write(ascii(chunkedHead() + "-5\r\n" + chunk("a") + "\r\n"));
            case CHUNK_SIZE_HUGE -> out.write(ascii(chunkedHead() + "FFFFFFFFFFFFFFFF\r\n" + chunk("a") + "\r\n"));
            case CHUNK_WITHOUT_CRLF -> {
                String data = chunk("a");
                out.write(ascii(chunkedHead() + Integer.toHexString(data.length()) + "\r\n" + data
                        + "XX" + "5\r\nhello\r\n0\r\n\r\n"));
            }
            case BYTES_BEYOND_CONTENT_LENGTH -> {
                // One write: the stray bytes reach the client with the answer's end, as a server that miscounts
                // its Content-Length sends them. (Sent apart, they can reach a connection the client has already
                // reused for its next request, whose answer they then begin: malformed, never a wait.)
                byte[] answer = withLength("text/event-stream", stream(maxTokens, maxTokens));
                byte[] stray = ascii("data: {\"garbage\": true}\n\nHTTP/1.1 200 OK\r\n\r\nmore");
                byte[] both = java.util.Arrays.copyOf(answer, answer.length + stray.length);
                System.arraycopy(stray, 0, both, answer.length, stray.length);
                out.write(both);
            }
            case HUGE_HEADER -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-Padding: "
                    + "x".repeat(100_000) + "\r\n\r\n" + new String(stream(maxTokens, maxTokens), StandardCharsets.UTF_8)));
            case CONTENT_LENGTH_AND_CHUNKED -> {
                byte[] b = stream(maxTokens, maxTokens);
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + b.length
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
                out.write(b);
            }
            case HTML_LOGIN_PAGE -> out.write(withLength("text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Login</form></body></html>"
                            .getBytes(StandardCharsets.UTF_8)));
            case UNREQUESTED_GZIP -> {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                    gz.write(stream(maxTokens, maxTokens));
                }
                byte[] z = zipped.toByteArray();
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
                        + "Content-Length: " + z.length + "\r\nConnection: close\r\n\r\n"));
                out.write(z);
            }
            case BINARY_GARBAGE -> {
                byte[] junk = new byte[4096];
                new java.util.Random(7).nextBytes(junk);
                out.write(withLength("application/octet-stream", junk));
            }
            case JSON_INSTEAD_OF_STREAM -> out.write(withLength("application/json", ascii("{\"id\":\"x\","
                    + "\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"hello\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
                    + "\"completion_tokens\":1,\"total_tokens\":6}}")));
            case SSE_WITHOUT_DATA -> out.write(withLength("text/event-stream", ascii(
                    "event: message\nmessage: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                            + "{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n")));
            case EMPTY_200 -> out.write(withLength("text/event-stream", new byte[0]));
            case NOT_HTTP -> out.write(ascii("SSH-2.0-OpenSSH_9.6\r\n"));
            case CONTINUE_THEN_HEALTHY -> {
                out.write(ascii("HTTP/1.1 100 Continue\r\n\r\n"));
                out.write(withLength("text/event-stream", stream(maxTokens, maxTokens)));
            }
            case IMPOSSIBLE_USAGE -> out.write(withLength("text/event-stream", stream(maxTokens, 2_000_000_000)));
            case NEGATIVE_USAGE -> out.write(withLength("text/event-stream", stream(maxTokens, -3)));
            case STALL_AFTER_HEADERS -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + chunk("a")));
                out.flush();
                stall(out);
            }
        }
    }

    /** Holds the answer open until the client closes the connection (a write then fails) or the bound passes. */
    private static void stall(OutputStream out) throws IOException {
        long deadline = System.nanoTime() + STALL_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            out.write(ascii(": keep-alive comment\n"));
            out.flush();
        }
    }

    private static String chunkedHead() {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    private static String chunk(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    /** {@code tokens} content chunks, the last with finish_reason length, a usage block claiming {@code usageTokens}. */
    private static byte[] stream(int tokens, long usageTokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            sb.append(i == tokens - 1
                    ? "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" w\"},\"finish_reason\":\"length\"}]}\n\n"
                    : chunk(" w"));
        }
        sb.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":").append(usageTokens)
                .append(",\"total_tokens\":").append(usageTokens + 5).append("}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withLength(String contentType, byte[] body) {
        byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\n\r\n");
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }


    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        acceptor.interrupt();
    }
}
