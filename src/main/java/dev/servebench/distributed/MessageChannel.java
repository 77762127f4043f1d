package dev.servebench.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.servebench.json.Json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One coordinator-worker connection: {@link Message}s as newline-delimited JSON over TCP. Sending is
 * thread-safe (a worker's requests end on many threads); one thread receives.
 */
final class MessageChannel implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final BufferedWriter out;
    /** Guards {@link #out}; a lock, not synchronized (see {@link #send}). */
    private final ReentrantLock sendLock = new ReentrantLock();

    MessageChannel(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    }

    void send(Message message) throws IOException {
        String line;
        try {
            line = Json.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        // A lock, not synchronized: a virtual thread blocked in a socket write inside synchronized holds its
        // carrier on JDK 21-23, and the client now runs on as few carriers as half the cores (ClientThreads).
        sendLock.lock();
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } finally {
            sendLock.unlock();
        }
    }

    /** The next message, or null when the other side closed the connection. */
    Message receive() throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        return Json.mapper().readValue(line, Message.class);
    }

    /** Limits how long {@link #receive()} waits; 0 waits for ever. */
    void receiveTimeoutMillis(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    String peer() {
        return socket.getRemoteSocketAddress().toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a connection that already broke: nothing left to release.
        }
    }
}
