package dev.servebench.client;

import dev.servebench.testing.EndToEnd;
import dev.servebench.server.StreamingHttpServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS against a loopback server with a self-signed certificate made by the JDK's keytool. */
@EndToEnd
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SslContext serverTls;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass",
                "changeit").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        serverTls = SslContextBuilder.forServer(kmf).build();
    }

    private static StreamingHttpServer server() throws Exception {
        return StreamingHttpServer.startLoopbackTls(exchange -> exchange.respondJson(200,
                "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"secure\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}"), serverTls);
    }

    @Test
    void httpsWorksWhenTheCertificateIsAccepted() throws Exception {
        try (StreamingHttpServer server = server();
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m").withStream(false)
                     .withInsecureTls(true))) {
            assertThat(server.baseUri().getScheme()).isEqualTo("https");
            RequestRecord r = client.send(CompletionRequest.text("x", 2, true), System.nanoTime());
            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
            assertThat(r.completionTokens()).isEqualTo(2);
        }
    }

    @Test
    void untrustedCertificateIsAConnectFailureThatSuggestsTheFix() throws Exception {
        try (StreamingHttpServer server = server();
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "m").withStream(false))) {
            RequestRecord r = client.send(CompletionRequest.text("x", 2, true), System.nanoTime());
            assertThat(r.outcome()).isEqualTo(RequestOutcome.CONNECT);
            assertThat(r.errorDetail()).contains("TLS handshake failed", "--insecure");
        }
    }
}
