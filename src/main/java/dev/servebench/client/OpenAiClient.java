package dev.servebench.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A blocking client for OpenAI-compatible completion endpoints, meant to be called from virtual
 * threads (one per in-flight request). Built on the JDK HTTP client over HTTP/1.1 with keep-alive;
 * the connection pool grows to the number of concurrent callers. See BENCHMARKS.md for why this
 * stack was chosen and its measured ceiling.
 */
public final class OpenAiClient implements AutoCloseable {
    private static final int READ_BUFFER_BYTES = 8192;
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final EndpointConfig endpoint;
    private final HttpClient http;
    private final ScheduledExecutorService timers;

    public OpenAiClient(EndpointConfig endpoint) {
        this.endpoint = endpoint;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (endpoint.insecureTls()) {
            builder.sslContext(trustAllContext());
        }
        this.http = builder.build();
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "servebench-request-deadlines");
            t.setDaemon(true);
            return t;
        });
        stpe.setRemoveOnCancelPolicy(true);
        this.timers = stpe;
    }

    public EndpointConfig endpoint() {
        return endpoint;
    }

    /**
     * Sends one request and blocks until its response has ended or failed. Never throws for
     * server or network problems: they become the record's {@link RequestOutcome}.
     *
     * @param scheduledNanos when the load model wanted this request sent ({@link System#nanoTime()})
     */
    public RequestRecord send(CompletionRequest request, long scheduledNanos) {
        byte[] body = RequestBodies.build(endpoint.model(), endpoint.api(), endpoint.stream(), request);
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint.resolve(endpoint.api().path()))
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", endpoint.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        endpoint.apiKey().ifPresent(k -> rb.header("Authorization", k.authorizationHeader()));
        HttpRequest httpRequest = rb.build();

        ResponseInterpreter interpreter = new ResponseInterpreter(request);
        long sentNanos = System.nanoTime();
        int status = 0;
        try (RequestDeadline deadline = new RequestDeadline(timers, endpoint.requestTimeout().toNanos())) {
            try {
                HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                try (InputStream in = response.body()) {
                    if (status != 200) {
                        String errorBody = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
                        interpreter.onHttpError(status, errorBody);
                    } else if (endpoint.stream()) {
                        readStream(in, interpreter);
                    } else {
                        interpreter.onFullBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                return interpreter.complete(scheduledNanos, sentNanos, System.nanoTime(), status);
            } catch (HttpConnectTimeoutException e) {
                return interpreter.failed(scheduledNanos, sentNanos, System.nanoTime(), status,
                        RequestOutcome.CONNECT, "connect timeout after " + endpoint.connectTimeout());
            } catch (HttpTimeoutException e) {
                return timedOut(interpreter, scheduledNanos, sentNanos, status);
            } catch (InterruptedException e) {
                if (deadline.expired()) {
                    return timedOut(interpreter, scheduledNanos, sentNanos, status);
                }
                Thread.currentThread().interrupt();
                return interpreter.failed(scheduledNanos, sentNanos, System.nanoTime(), status,
                        RequestOutcome.RESET, "interrupted");
            } catch (IOException e) {
                if (deadline.expired()) {
                    return timedOut(interpreter, scheduledNanos, sentNanos, status);
                }
                RequestOutcome outcome = isConnectFailure(e, status) ? RequestOutcome.CONNECT : RequestOutcome.RESET;
                return interpreter.failed(scheduledNanos, sentNanos, System.nanoTime(), status, outcome,
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
    }

    private RequestRecord timedOut(ResponseInterpreter interpreter, long scheduledNanos, long sentNanos, int status) {
        return interpreter.failed(scheduledNanos, sentNanos, System.nanoTime(), status, RequestOutcome.TIMEOUT,
                "no complete response within " + endpoint.requestTimeout().toSeconds() + " s");
    }

    private static void readStream(InputStream in, ResponseInterpreter interpreter) throws IOException {
        long[] now = new long[1];
        SseEventParser parser = new SseEventParser(data -> interpreter.onStreamEvent(data, now[0]));
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            now[0] = System.nanoTime();
            parser.feed(buffer, 0, n);
        }
        now[0] = System.nanoTime();
        parser.finish();
    }

    private static boolean isConnectFailure(IOException e, int status) {
        if (status != 0) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext trustAllContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust-all TLS context", e);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        http.close();
    }
}
