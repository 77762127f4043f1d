package evalhttp;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** java.net.http.HttpClient, HTTP/1.1 forced, synchronous send() from one virtual thread per worker, ofInputStream(). */
final class JdkClient implements Client {
    private HttpClient hc;
    private HttpRequest req;
    private int c;

    @Override public void init(int port, int concurrency) {
        this.c = concurrency;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30));
        String ex = System.getProperty("jdk.client.executor", "default");
        if (ex.equals("vt")) b.executor(Executors.newVirtualThreadPerTaskExecutor());
        hc = b.build();
        req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Bench.BODY))
                .build();
    }

    @Override public void run(Phase p) throws Exception {
        Client.runVirtual(p, c, parser -> {
            HttpResponse<InputStream> r = hc.send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] buf = new byte[8192];
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode());
                int n;
                while ((n = in.read(buf)) >= 0) parser.feed(buf, 0, n);
            }
        });
    }

    @Override public void close() { hc.close(); }
}
