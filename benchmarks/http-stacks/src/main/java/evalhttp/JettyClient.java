package evalhttp;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Jetty 12 HttpClient. Two modes:
 *  - blocking (async=false): InputStreamResponseListener, one virtual thread per worker;
 *  - async (async=true): Response.ContentListener (onResponseContent) + CompleteListener, closed loop from callbacks.
 */
final class JettyClient implements Client {
    private final boolean async;
    private HttpClient hc;
    private int c, port;

    JettyClient(boolean async) { this.async = async; }

    @Override public void init(int port, int concurrency) throws Exception {
        this.c = concurrency; this.port = port;
        hc = new HttpClient();
        hc.setMaxConnectionsPerDestination(concurrency);
        hc.setMaxRequestsQueuedPerDestination(1 << 20);
        hc.setIdleTimeout(120_000);
        hc.setConnectTimeout(30_000);
        hc.setFollowRedirects(false);
        hc.setUserAgentField(null);
        hc.start();
    }

    private Request newRequest() {
        return hc.newRequest("127.0.0.1", port).method(HttpMethod.POST).path("/v1/chat/completions")
                .headers(h -> h.put(HttpHeader.ACCEPT, "text/event-stream"))
                .body(new BytesRequestContent("application/json", Bench.BODY))
                .timeout(120, TimeUnit.SECONDS);
    }

    @Override public void run(Phase p) throws Exception {
        if (!async) {
            Client.runVirtual(p, c, parser -> {
                InputStreamResponseListener l = new InputStreamResponseListener();
                newRequest().send(l);
                Response r = l.get(120, TimeUnit.SECONDS);
                byte[] buf = new byte[8192];
                try (InputStream in = l.getInputStream()) {
                    if (r.getStatus() != 200) throw new IllegalStateException("status " + r.getStatus());
                    int n;
                    while ((n = in.read(buf)) >= 0) parser.feed(buf, 0, n);
                }
            });
        } else {
            for (int w = 0; w < c; w++) kick(p, new SseParser());
            p.await();
        }
    }

    private void kick(Phase p, SseParser parser) {
        int i = p.claim();
        if (i < 0) return;
        parser.reset();
        long t0 = System.nanoTime();
        newRequest()
                .onResponseContent((resp, buf) -> parser.feed(buf))
                .send(result -> {
                    long end = System.nanoTime();
                    if (result.isFailed()) p.fail(i, result.getFailure());
                    else if (result.getResponse().getStatus() != 200) p.fail(i, new IllegalStateException("status " + result.getResponse().getStatus()));
                    else p.done(i, t0, parser, end);
                    kick(p, parser);
                });
    }

    @Override public void close() throws Exception { hc.stop(); }
}
