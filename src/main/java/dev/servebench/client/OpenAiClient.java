package dev.servebench.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client for OpenAI-compatible completion endpoints. {@link #send} blocks until the response
 * has ended, so callers run one virtual thread per in-flight request, or {@link #sendAsync} hands
 * the record over when it has, with no thread waiting; the network work itself
 * happens on a few Netty event-loop threads (see {@link HttpTransport}), where each SSE chunk is
 * parsed and timestamped the moment it arrives.
 */
public final class OpenAiClient implements AutoCloseable {
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final EndpointConfig endpoint;
    private final HttpTransport transport;
    private final String pathPrefix;
    /** Texts that must not reach a record even when a server echoes them in an error body. */
    private final List<String> secrets;
    /** The measured request's head, encoded once (the path and headers never change within a run). */
    private final RequestHead completionHead;
    /** Chunks with answer text received by every request of this client, as they arrive (live progress). */
    private final java.util.concurrent.atomic.LongAdder answerChunks = new java.util.concurrent.atomic.LongAdder();

    public OpenAiClient(EndpointConfig endpoint) {
        this.endpoint = endpoint;
        this.transport = new HttpTransport(endpoint.baseUrl(), endpoint.connectTimeout().toMillis(),
                endpoint.insecureTls(), endpoint.idleConnectionTimeout().toNanos());
        List<String> hidden = new ArrayList<>(endpoint.urlSecrets().texts());
        endpoint.apiKey().ifPresent(k -> hidden.add(k.secret()));
        // Longest first, so that a secret containing another is masked whole, not around its part;
        // an empty text would "match" between every two characters.
        hidden.removeIf(String::isEmpty);
        hidden.sort(java.util.Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(hidden);
        String path = endpoint.baseUrl().getPath();
        this.pathPrefix = path == null || path.equals("/") ? "" : (path.endsWith("/") ? path.substring(0,
                path.length() - 1) : path);
        this.completionHead = transport.head("POST", requestPath(endpoint.api().path()),
                headers(endpoint.stream() ? "text/event-stream" : "application/json"));
    }

    public EndpointConfig endpoint() {
        return endpoint;
    }

    /**
     * Chunks with answer text received so far by all of this client's streamed requests, counted the moment they
     * arrive rather than when their request ends: what a live tokens-per-second figure needs (a server streams one
     * token per chunk unless it batches them).
     */
    public long answerChunksReceived() {
        return answerChunks.sum();
    }

    /**
     * Sends one request and blocks until its response has ended or failed. Never throws for
     * server or network problems: they become the record's {@link RequestOutcome}.
     *
     * @param scheduledNanos when the load model wanted this request sent ({@link System#nanoTime()})
     */
    public RequestRecord send(CompletionRequest request, long scheduledNanos) {
        return exchange(request, scheduledNanos, new ResponseInterpreter(request));
    }

    /**
     * The same, keeping the answer's text: the next turn of a conversation sends it back. Costs a
     * String per chunk, so only conversations ask for it.
     */
    public Answered sendKeepingAnswer(CompletionRequest request, long scheduledNanos) {
        ResponseInterpreter interpreter = new ResponseInterpreter(request, true);
        RequestRecord record = exchange(request, scheduledNanos, interpreter);
        return new Answered(record, interpreter.answerText());
    }

    /** A request's record and the text it answered (empty when it failed before any). */
    public record Answered(RequestRecord record, String answerText) {
    }

    /**
     * Starts one request without blocking. The future completes with its record, on the event-loop
     * thread that read the response's end, so whatever follows on it must not block; it never
     * completes exceptionally for server or network problems. An open loop sends this way from one
     * thread, without a thread per request waiting on each (issue #15).
     */
    public CompletableFuture<RequestRecord> sendAsync(CompletionRequest request, long scheduledNanos) {
        ResponseInterpreter interpreter = new ResponseInterpreter(request);
        Started started = start(request, interpreter);
        return started.done().handle((connection, error) ->
                ended(interpreter, started, scheduledNanos, connection, error));
    }

    private RequestRecord exchange(CompletionRequest request, long scheduledNanos, ResponseInterpreter interpreter) {
        Started started = start(request, interpreter);
        ConnectionUse connection = null;
        Throwable error = null;
        try {
            connection = started.done().join();
        } catch (CompletionException e) {
            error = e;
        }
        return ended(interpreter, started, scheduledNanos, connection, error);
    }

    /** A request on its way: what collects its response, when it left, and when it ends. */
    private record Started(BodyCollector collector, long sentNanos, CompletableFuture<ConnectionUse> done) {
    }

    private Started start(CompletionRequest request, ResponseInterpreter interpreter) {
        byte[] body = RequestBodies.build(endpoint.model(), endpoint.api(), endpoint.stream(), request);
        BodyCollector collector = new BodyCollector(endpoint.stream(), interpreter, answerChunks);
        long sentNanos = System.nanoTime();
        return new Started(collector, sentNanos, transport.post(completionHead, body, collector,
                endpoint.requestTimeout().toNanos()));
    }

    /** The record of a request whose exchange ended with {@code connection}, or with {@code error}. */
    private RequestRecord ended(ResponseInterpreter interpreter, Started started, long scheduledNanos,
                                ConnectionUse connection, Throwable error) {
        BodyCollector collector = started.collector();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            RequestOutcome outcome = cause instanceof TransportException t ? t.outcome() : RequestOutcome.RESET;
            String why = cause instanceof TransportException && outcome == RequestOutcome.TIMEOUT
                    ? "no complete response within " + endpoint.requestTimeout().toSeconds() + " s"
                    : String.valueOf(cause.getMessage());
            ConnectionUse used = cause instanceof TransportException t ? t.connection() : ConnectionUse.NOT_APPLICABLE;
            return scrub(interpreter.failed(scheduledNanos, started.sentNanos(), System.nanoTime(), collector.status,
                    outcome, why, used));
        }
        collector.finish();
        return scrub(interpreter.complete(scheduledNanos, started.sentNanos(), collector.lastByteNanos,
                collector.status, connection));
    }

    private String requestPath(String path) {
        return endpoint.urlSecrets().onPath(pathPrefix + path);
    }

    /** A server may echo the key it was sent (in a 401 body, say); the record gets a mask instead. */
    private RequestRecord scrub(RequestRecord record) {
        String detail = record.errorDetail();
        if (detail == null) {
            return record;
        }
        String clean = detail;
        for (String secret : secrets) {
            clean = clean.replace(secret, SafeUrl.MASK);
        }
        return clean.equals(detail) ? record : record.withErrorDetail(clean);
    }

    /** A plain JSON POST (e.g. /tokenize) answered in full; for calls outside the measured path. */
    public JsonAnswer postJson(String path, byte[] json) {
        BodyCollector collector = new BodyCollector(false, null);
        try {
            transport.post(requestPath(path), json, headers("application/json"), collector,
                    endpoint.requestTimeout().toNanos()).join();
        } catch (CompletionException e) {
            throw new ServerCallException("cannot reach " + endpoint.resolve(path) + ": "
                    + e.getCause().getMessage());
        }
        return new JsonAnswer(collector.status, collector.text());
    }

    /** A plain GET (e.g. /v1/models) answered in full; for calls outside the measured path. */
    public JsonAnswer getJson(String path) {
        BodyCollector collector = new BodyCollector(false, null);
        try {
            transport.get(requestPath(path), headers("application/json"), collector,
                    endpoint.requestTimeout().toNanos()).join();
        } catch (CompletionException e) {
            throw new ServerCallException("cannot reach " + endpoint.resolve(path) + ": "
                    + e.getCause().getMessage());
        }
        return new JsonAnswer(collector.status, collector.text());
    }

    /**
     * A plain GET answered in full, asking for {@code accept} (e.g. Prometheus text on /metrics); for calls outside
     * the measured path. The key and the URL's credentials go with it as with every call.
     */
    public JsonAnswer getText(String path, String accept) {
        BodyCollector collector = new BodyCollector(false, null);
        try {
            transport.get(requestPath(path), headers(accept), collector, endpoint.requestTimeout().toNanos()).join();
        } catch (CompletionException e) {
            throw new ServerCallException("cannot reach " + endpoint.resolve(path.replaceFirst("\\?.*$", "")) + ": "
                    + e.getCause().getMessage());
        }
        return new JsonAnswer(collector.status, collector.text());
    }

    /** A status and body of a plain JSON call. */
    public record JsonAnswer(int status, String body) {
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", accept);
        if (endpoint.apiKey().isPresent()) {
            headers.put("Authorization", endpoint.apiKey().get().authorizationHeader());
        } else {
            endpoint.urlSecrets().basicAuthorization().ifPresent(v -> headers.put("Authorization", v));
        }
        return headers;
    }

    /** Cancels every request in flight (recorded as {@link RequestOutcome#CANCELLED}): an interrupted run. */
    public void cancelInFlight() {
        transport.cancelAll("cancelled: the run was interrupted while this request was in flight");
    }

    @Override
    public void close() {
        transport.close();
    }

    /**
     * Feeds a response to the interpreter as it arrives (on the event loop). Fields are read by the
     * caller only after the exchange's future completed, which orders them.
     */
    private static final class BodyCollector implements ResponseListener {
        private final boolean stream;
        private final ResponseInterpreter interpreter;
        private final SseEventParser parser;
        private final ByteArrayOutputStream whole = new ByteArrayOutputStream();
        private long nowNanos;
        /** Body bytes received, against {@link ResponseInterpreter#maxBodyBytes()}. */
        private long bodyBytes;
        /** The first bytes of a 200 body, to say what arrived when it was not the stream asked for. */
        /** Made only while no event has come: a healthy stream never allocates or copies it. */
        private ByteArrayOutputStream opening;
        private String contentType;
        private String contentEncoding;
        int status;
        long lastByteNanos;

        /** Where the chunks with text are counted as they arrive; null outside the measured path. */
        private final java.util.concurrent.atomic.LongAdder answerChunks;

        BodyCollector(boolean stream, ResponseInterpreter interpreter) {
            this(stream, interpreter, null);
        }

        BodyCollector(boolean stream, ResponseInterpreter interpreter, java.util.concurrent.atomic.LongAdder answerChunks) {
            this.answerChunks = answerChunks;
            this.stream = stream;
            this.interpreter = interpreter;
            this.parser = interpreter == null ? null : new SseEventParser(
                    (bytes, offset, length) -> interpreter.onStreamEvent(bytes, offset, length, nowNanos));
        }

        @Override
        public void onStatus(int code, long now) {
            status = code;
            lastByteNanos = now;
        }

        @Override
        public void onHeaders(String contentType, String contentEncoding) {
            this.contentType = contentType;
            this.contentEncoding = contentEncoding;
        }

        @Override
        public String overlong() {
            if (interpreter == null) {
                return null;
            }
            long limit = interpreter.maxBodyBytes();
            return bodyBytes > limit ? "the answer passed " + limit + " bytes, more than max_tokens "
                    + interpreter.maxTokens() + " can take; stopped reading" : interpreter.overlong();
        }

        @Override
        public void onBody(byte[] bytes, int offset, int length, long now) {
            lastByteNanos = now;
            bodyBytes += length;
            if (stream && status == 200) {
                nowNanos = now;
                int before = interpreter.contentChunks();
                parser.feed(bytes, offset, length);
                if (answerChunks != null) {
                    answerChunks.add(interpreter.contentChunks() - before);
                }
                if (!interpreter.sawStreamEvent()) {
                    // Still no event: these bytes may be all there is to say what came instead (the bytes are
                    // valid until this returns, and every earlier piece was kept the same way).
                    keepOpening(bytes, offset, length);
                }
            } else if (whole.size() < MAX_ERROR_BODY_BYTES || (status == 200 && !stream)) {
                whole.write(bytes, offset, length);
            }
        }

        private void keepOpening(byte[] bytes, int offset, int length) {
            if (opening == null) {
                opening = new ByteArrayOutputStream(NotAStream.OPENING_BYTES);
            }
            if (opening.size() < NotAStream.OPENING_BYTES) {
                opening.write(bytes, offset, Math.min(length, NotAStream.OPENING_BYTES - opening.size()));
            }
        }

        void finish() {
            if (status != 200) {
                interpreter.onHttpError(status, text());
            } else if (stream) {
                nowNanos = lastByteNanos;
                parser.finish();
                if (!interpreter.sawStreamEvent()) {
                    interpreter.notAStream(NotAStream.describe(contentType, contentEncoding, opening == null ? new byte[0] : opening.toByteArray(),
                            bodyBytes));
                }
            } else {
                interpreter.onFullBody(text());
            }
        }

        String text() {
            return whole.toString(StandardCharsets.UTF_8);
        }
    }
}
