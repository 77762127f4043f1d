package dev.servebench.client;

import com.sun.net.httpserver.HttpServer;
import dev.servebench.bench.TargetInfo;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials in a URL or a key echoed by a server never reach what is shown or stored. */
class SecretsTest {
    private static final String KEY = "sk-test-0123456789";

    /** A server that rejects every request and, as some do, quotes the key it was sent. */
    private static HttpServer echoingServer(List<String> seen) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            seen.add(ex.getRequestURI() + " " + auth);
            byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: " + auth + "\",\"code\":401}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void aKeyTheServerEchoesIsMaskedInTheRecord() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = echoingServer(seen);
        try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "m").withApiKey(ApiKey.of(KEY)))) {
            RequestRecord r = client.send(CompletionRequest.text("hi", 1, false), System.nanoTime());

            assertThat(r.outcome()).isEqualTo(RequestOutcome.HTTP_4XX);
            assertThat(r.errorDetail()).contains("Incorrect API key provided", SafeUrl.MASK).doesNotContain(KEY);
            assertThat(seen).singleElement().asString().contains("Bearer " + KEY);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void userInfoAndQueryAreSentButNeverShown() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = echoingServer(seen);
        String url = "http://bob:pa55word@127.0.0.1:" + server.getAddress().getPort() + "/v1?key=qu3ry-secret";
        try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(URI.create(url), "m"))) {
            RequestRecord r = client.send(CompletionRequest.text("hi", 1, false), System.nanoTime());

            // The path keeps one /v1 and the query; the user information becomes Basic authorization.
            assertThat(seen).singleElement().asString().startsWith("/v1/chat/completions?key=qu3ry-secret Basic ");
            assertThat(r.errorDetail()).doesNotContain("pa55word", "qu3ry-secret");
            assertThat(client.endpoint().displayUrl()).isEqualTo("http://***@127.0.0.1:"
                    + server.getAddress().getPort() + "?key=***");
            assertThat(client.endpoint().toString()).doesNotContain("pa55word", "qu3ry-secret");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTargetNeverHoldsCredentials() {
        TargetInfo t = new TargetInfo("x", "https://u:p4ss@host:8443/base?api_key=abc&v=2", "m");
        assertThat(t.url()).isEqualTo("https://***@host:8443/base?api_key=***&v=***");
        assertThat(SafeUrl.redact("http://127.0.0.1:8000")).isEqualTo("http://127.0.0.1:8000");
    }
}
