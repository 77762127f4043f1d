package dev.servebench.client;

import dev.servebench.server.InstantOpenAiServer;
import dev.servebench.testing.ClosingServer;
import dev.servebench.testing.ClosingServer.Announce;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections that the server ends (after k requests, after idling): no request may fail
 * for it. Real servers do this all the time: llama.cpp closes after every streamed answer and after
 * 5 s idle, uvicorn after 5 s idle.
 */
class ConnectionLifecycleTest {
    private static final CompletionRequest REQUEST = CompletionRequest.text("hello", 2, false);
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(4);

    /** A transport whose idle clock the test moves, so ageing a pooled connection takes no waiting. */
    private static HttpTransport transport(ClosingServer server, AtomicLong clock) {
        return new HttpTransport(server.baseUri(), 5_000, false, IDLE_LIMIT_NANOS, clock::get);
    }

    private static List<RequestRecord> sendSequentially(ClosingServer server, int n) {
        List<RequestRecord> records = new ArrayList<>();
        try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m")
                .withIdleConnectionTimeout(Duration.ofMinutes(1)))) {
            for (int i = 0; i < n; i++) {
                records.add(client.send(REQUEST, System.nanoTime()));
            }
        }
        return records;
    }

    @Test
    void aRequestTheServerDroppedOnAReusedConnectionIsSentAgainOnANewOne() throws Exception {
        try (ClosingServer server = ClosingServer.start(2, Announce.NOTHING)) {
            List<RequestRecord> records = sendSequentially(server, 6);

            assertThat(records).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(RequestOutcome.OK));
            // Requests 3 and 5 met a connection that had served its two and was dropped unanswered.
            assertThat(server.dropped()).isEqualTo(2);
            assertThat(records.stream().mapToInt(r -> r.connection().retries()).toArray())
                    .containsExactly(0, 0, 1, 0, 1, 0);
            assertThat(records.get(1).connection().reused()).isTrue();
            RequestRecord retried = records.get(2);
            assertThat(retried.connection().reused()).isFalse();
            assertThat(retried.connection().connectNanos()).isPositive();
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void keepAliveMaxRetiresTheConnectionBeforeTheServerDropsARequest() throws Exception {
        try (ClosingServer server = ClosingServer.start(2, Announce.KEEP_ALIVE_MAX)) {
            List<RequestRecord> records = sendSequentially(server, 6);

            assertThat(records).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
                assertThat(r.connection().retries()).isZero();
            });
            assertThat(server.dropped()).isZero();
            assertThat(records.stream().map(r -> r.connection().reused()).toList())
                    .containsExactly(false, true, false, true, false, true);
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (ClosingServer server = ClosingServer.start(1_000, Announce.CONNECTION_CLOSE)) {
            List<RequestRecord> records = sendSequentially(server, 4);

            assertThat(records).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
                assertThat(r.connection().reused()).isFalse();
                assertThat(r.connection().retries()).isZero();
            });
            assertThat(server.connections()).isEqualTo(4);
        }
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsNotReused() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (ClosingServer server = ClosingServer.start(1_000, Announce.NOTHING);
             HttpTransport transport = transport(server, clock)) {
            ConnectionUse first = post(transport);
            // The server's idle timeout passes: its connections now close on their next request.
            server.expireIdle();
            clock.addAndGet(IDLE_LIMIT_NANOS);
            ConnectionUse second = post(transport);

            assertThat(first.reused()).isFalse();
            assertThat(second.reused()).isFalse();
            assertThat(second.retries()).isZero();
            assertThat(server.dropped()).isZero();
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void withinTheIdleLimitTheConnectionIsReusedAndARaceWithTheServerIsRetried() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (ClosingServer server = ClosingServer.start(1_000, Announce.NOTHING);
             HttpTransport transport = transport(server, clock)) {
            post(transport);
            clock.addAndGet(IDLE_LIMIT_NANOS - 1);
            ConnectionUse reused = post(transport);
            server.expireIdle();
            ConnectionUse raced = post(transport);

            assertThat(reused.reused()).isTrue();
            assertThat(raced.retries()).isEqualTo(1);
            assertThat(raced.reused()).isFalse();
            assertThat(server.dropped()).isEqualTo(1);
        }
    }

    @Test
    void keepAliveHeaderIsRead() {
        assertThat(KeepAlive.parse("timeout=5, max=100")).isEqualTo(new KeepAlive(5, 100));
        assertThat(KeepAlive.parse(" max=3 ")).isEqualTo(new KeepAlive(-1, 3));
        assertThat(KeepAlive.parse("timeout=abc")).isEqualTo(new KeepAlive(-1, -1));
        assertThat(KeepAlive.parse(null)).isEqualTo(KeepAlive.NONE);
    }

    @Test
    void runningOutOfFileDescriptorsIsTheClientsFailureNotTheServers() {
        // What Netty's NIO transport throws when socket() fails with EMFILE.
        var emfile = new io.netty.channel.ChannelException("Unable to create Channel from class "
                + "io.netty.channel.socket.nio.NioSocketChannel", new java.net.SocketException("Too many open files"));
        assertThat(HttpTransport.connectFailure(emfile).outcome()).isEqualTo(RequestOutcome.CLIENT_LIMIT);
        assertThat(HttpTransport.connectFailure(new java.net.ConnectException("Connection refused")).outcome())
                .isEqualTo(RequestOutcome.CONNECT);
    }

    /**
     * With one connect allowed at a time, 300 requests sent at once all end well: each one that
     * found neither an idle connection nor a permit is handed the first connection to come free or
     * the permit, and none is left waiting (a lost hand-over would end in a timeout here).
     */
    @Test
    void requestsBeyondTheConnectBoundWaitForAConnectionAndAllEnd() throws Exception {
        try (InstantOpenAiServer server = InstantOpenAiServer.startLoopback();
             HttpTransport transport = new HttpTransport(server.baseUri(), 5_000, false, IDLE_LIMIT_NANOS,
                     System::nanoTime, 1)) {
            byte[] body = RequestBodies.build("m", ApiKind.CHAT, true, CompletionRequest.text("hi", 4, true));
            List<java.util.concurrent.CompletableFuture<ConnectionUse>> sent = new ArrayList<>();
            List<int[]> statuses = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int[] status = new int[1];
                statuses.add(status);
                sent.add(transport.post("/v1/chat/completions", body, Map.of(), new ResponseListener() {
                    @Override
                    public void onStatus(int code, long nowNanos) {
                        status[0] = code;
                    }

                    @Override
                    public void onBody(byte[] bytes, int offset, int length, long nowNanos) {
                    }
                }, TIMEOUT_NANOS));
            }
            long newConnections = 0;
            for (var f : sent) {
                if (!f.get(60, TimeUnit.SECONDS).reused()) {
                    newConnections++;
                }
            }
            assertThat(statuses).allSatisfy(s -> assertThat(s[0]).isEqualTo(200));
            assertThat(newConnections).isBetween(1L, 300L);
        }
    }

    private static ConnectionUse post(HttpTransport transport) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        return transport.post("/v1/chat/completions", body, Map.of(), new ResponseListener() {
            @Override
            public void onStatus(int status, long nowNanos) {
            }

            @Override
            public void onBody(byte[] bytes, int offset, int length, long nowNanos) {
            }
        }, TIMEOUT_NANOS).join();
    }
}
