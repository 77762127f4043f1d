package dev.servebench.testing;

import java.io.BufferedInputStream;
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

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 that closes keep-alive connections the way real servers
 * do, deterministically: after {@code answersPerConnection} answers it reads the next request on
 * that connection and closes without answering (what llama.cpp does to a request written into a
 * connection it is closing, and uvicorn to one that raced its idle timeout); {@link #expireIdle()}
 * makes every open connection do the same on its next request, as if all had sat idle past the
 * server's timeout. Every answer is a short streamed chat completion with a usage block.
 * Not a model of any server's timing: only of when connections end.
 */
public final class ClosingServer implements AutoCloseable {
    /** How a response announces the connection's fate. */
    public enum Announce {
        /** Nothing: the client learns of the close only when it uses the connection. */
        NOTHING,
        /** Apache-style {@code Keep-Alive: timeout=60, max=N}, N the requests left including this one. */
        KEEP_ALIVE_MAX,
        /** {@code Connection: close} on every response. */
        CONNECTION_CLOSE
    }

    private final ServerSocket socket;
    private final int answersPerConnection;
    private final Announce announce;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    /** Requests still to drop before answering any (a hiccup at start). */
    private final AtomicInteger dropFirst = new AtomicInteger();
    private final Thread acceptor;
    /** Answers in all before every further request is dropped: a server that died. */
    private final int answersInAll;

    private ClosingServer(int answersPerConnection, Announce announce, int answersInAll) throws IOException {
        this.socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.answersPerConnection = answersPerConnection;
        this.announce = announce;
        this.answersInAll = answersInAll;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    public static ClosingServer start(int answersPerConnection, Announce announce) throws IOException {
        return new ClosingServer(answersPerConnection, announce, Integer.MAX_VALUE);
    }

    /** Drops the first {@code requests} requests unanswered, then answers every one: a hiccup at start. */
    public static ClosingServer startFailingFirst(int requests) throws IOException {
        ClosingServer s = new ClosingServer(Integer.MAX_VALUE, Announce.CONNECTION_CLOSE, Integer.MAX_VALUE);
        s.dropFirst.set(requests);
        return s;
    }

    /** Answers {@code answers} requests, then drops every later one unanswered: it died after start-up. */
    public static ClosingServer startDying(int answers) throws IOException {
        return new ClosingServer(Integer.MAX_VALUE, Announce.CONNECTION_CLOSE, answers);
    }

    public java.net.URI baseUri() {
        return java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    public int answered() {
        return answered.get();
    }

    /** Requests read and then dropped by closing the connection without an answer. */
    public int dropped() {
        return dropped.get();
    }

    /** Every connection open now closes on its next request instead of answering it. */
    public void expireIdle() {
        open.forEach(c -> c.expired = true);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                Conn c = new Conn(s);
                open.add(c);
                Thread.ofVirtual().start(() -> serve(c));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static final class Conn {
        final Socket socket;
        volatile boolean expired;
        int answers;

        Conn(Socket socket) {
            this.socket = socket;
        }
    }

    private void serve(Conn c) {
        try (Socket s = c.socket; InputStream in = new BufferedInputStream(s.getInputStream());
             OutputStream out = s.getOutputStream()) {
            String body;
            while ((body = RawRequests.readBody(in)) != null) {
                if (c.expired || c.answers >= answersPerConnection || answered.get() >= answersInAll
                        || dropFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropped.incrementAndGet();
                    return; // closes without a byte of answer
                }
                c.answers++;
                // One token where only one was asked (the preflight): a usage block past max_tokens is refused.
                out.write(response(answersPerConnection - c.answers + 1, RawRequests.maxTokens(body, 2) == 1));
                out.flush();
                answered.incrementAndGet();
                if (announce == Announce.CONNECTION_CLOSE) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(c);
        }
    }


    private byte[] response(int leftIncludingThis, boolean oneToken) {
        String body = oneToken
                ? "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hello\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\ndata: [DONE]\n\n"
                : "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hello\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
                + "data: [DONE]\n\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + bytes.length + "\r\n"
                + switch (announce) {
                    case NOTHING -> "";
                    case KEEP_ALIVE_MAX -> "Keep-Alive: timeout=60, max=" + leftIncludingThis + "\r\n";
                    case CONNECTION_CLOSE -> "Connection: close\r\n";
                } + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Conn c : open) {
            c.socket.close();
        }
        acceptor.interrupt();
    }
}
