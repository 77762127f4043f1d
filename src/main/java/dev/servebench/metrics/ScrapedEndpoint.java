package dev.servebench.metrics;

import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.SafeUrl;
import dev.servebench.client.ServerCallException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A server's own Prometheus endpoint, scraped over its own connections (never the benchmark's pooled ones, whose
 * reuse the results count) and parsed by {@link PrometheusTextParser}.
 */
public final class ScrapedEndpoint implements MetricsSource {
    static final String ACCEPT = "text/plain; version=0.0.4";

    private final OpenAiClient client;
    private final String path;
    private final String display;

    private ScrapedEndpoint(EndpointConfig endpoint, String path, String display) {
        this.client = new OpenAiClient(endpoint);
        this.path = path;
        this.display = display;
    }

    /**
     * A path on the benchmark target, {@code /metrics} usually (under the target's path prefix, if any), with the
     * target's API key and URL credentials: llama.cpp checks the key on /metrics too (vLLM on /v1 paths only).
     */
    public static ScrapedEndpoint ofTarget(EndpointConfig target, String path, Duration timeout) {
        return new ScrapedEndpoint(target.withTimeouts(target.connectTimeout(), timeout), path,
                target.displayUrl().replaceFirst("/?(\\?.*)?$", java.util.regex.Matcher.quoteReplacement(path)
                        + "$1"));
    }

    /**
     * Any URL, e.g. a sidecar exporter's. Credentials in it ({@code user:pass@}, a query) are sent and never
     * shown. The target's API key goes with it only when it has the target's scheme, host and port: a key is not
     * handed to another server.
     */
    public static ScrapedEndpoint ofUrl(URI url, EndpointConfig target, Duration timeout) {
        EndpointConfig endpoint = EndpointConfig.of(origin(url), target.model())
                .withTimeouts(target.connectTimeout(), timeout)
                .withInsecureTls(target.insecureTls());
        if (target.apiKey().isPresent() && url.getRawUserInfo() == null && sameOrigin(url, target.baseUrl())) {
            endpoint = endpoint.withApiKey(target.apiKey().get());
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new ScrapedEndpoint(endpoint, path, SafeUrl.redact(url.toString()));
    }

    /** scheme://user@host:port?query: what {@link EndpointConfig} takes apart into a base and its secrets. */
    private static URI origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new dev.servebench.BadInputException("--server-metrics must be an http:// or https:// URL, got '"
                    + SafeUrl.redact(url.toString()) + "'");
        }
        return URI.create(scheme + "://" + url.getRawAuthority() + (url.getRawQuery() == null ? ""
                : "?" + url.getRawQuery()));
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public ServerReading read(long elapsedMillis) throws MetricsUnavailableException {
        OpenAiClient.JsonAnswer answer;
        try {
            answer = client.getText(path, ACCEPT);
        } catch (ServerCallException e) {
            throw new MetricsUnavailableException(e.getMessage());
        }
        if (answer.status() != 200) {
            throw new MetricsUnavailableException("HTTP " + answer.status() + hint(answer.status()));
        }
        try {
            return ServerReading.of(PrometheusTextParser.parse(answer.body()), elapsedMillis);
        } catch (ExpositionFormatException e) {
            throw new MetricsUnavailableException("not Prometheus text format 0.0.4: " + e.getMessage());
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (give the key the endpoint wants with --api-key-env or --api-key-file)";
            case 404, 501 -> " (is it enabled? llama.cpp serves /metrics only with --metrics, SGLang only with "
                    + "--enable-metrics; vLLM always does)";
            default -> "";
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
