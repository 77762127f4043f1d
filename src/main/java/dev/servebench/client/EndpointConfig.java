package dev.servebench.client;

import dev.servebench.BadInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach one OpenAI-compatible server.
 *
 * @param baseUrl         scheme, host and port, optionally a path prefix (without {@code /v1})
 * @param model           the {@code model} field sent with every request
 * @param apiKey          bearer token, if the server wants one
 * @param api             chat or text completions
 * @param stream          whether to ask for server-sent events
 * @param connectTimeout  TCP/TLS connect limit
 * @param requestTimeout  total limit for one request, from send to the last byte
 * @param insecureTls     accept any TLS certificate (self-signed test servers)
 * @param idleConnectionTimeout a pooled connection idle this long is closed instead of reused
 * @param urlSecrets      the URL's user information (sent as HTTP Basic auth) and query (appended to
 *                        every request), kept out of {@code baseUrl} so that it can be shown
 */
public record EndpointConfig(URI baseUrl, String model, Optional<ApiKey> apiKey, ApiKind api, boolean stream,
                             Duration connectTimeout, Duration requestTimeout, boolean insecureTls,
                             Duration idleConnectionTimeout, UrlSecrets urlSecrets) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(300);
    /**
     * Below the 5 s after which llama.cpp's cpp-httplib and uvicorn (vLLM, SGLang) close idle
     * keep-alive connections, so the pool gives a connection up before the server does.
     */
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(4);

    public EndpointConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(api, "api");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new BadInputException("--url must look like http://host:port or https://host:port, got '"
                    + baseUrl + "'");
        }
        // URI accepts any digits as a port; the socket layer would throw later, looking like a bug of ours.
        if (baseUrl.getPort() > 65535) {
            throw new BadInputException("--url " + baseUrl + " has port " + baseUrl.getPort()
                    + ", outside 1..65535; give the port the server listens on");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new BadInputException("timeouts must be positive");
        }
        Objects.requireNonNull(idleConnectionTimeout, "idleConnectionTimeout");
        if (idleConnectionTimeout.isNegative()) {
            throw new BadInputException("--idle-connection-timeout must be 0 or more, got "
                    + idleConnectionTimeout);
        }
        if (urlSecrets == null || urlSecrets.isEmpty()) {
            urlSecrets = UrlSecrets.of(baseUrl);
        }
        baseUrl = UrlSecrets.strip(baseUrl);
    }

    /** The base URL with its secrets masked, for the console, results and reports. */
    public String displayUrl() {
        return urlSecrets.isEmpty() ? baseUrl.toString() : SafeUrl.redact(urlSecrets.reattach(baseUrl));
    }

    public static EndpointConfig of(URI baseUrl, String model) {
        return new EndpointConfig(baseUrl, model, Optional.empty(), ApiKind.CHAT, true,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, false,
                DEFAULT_IDLE_CONNECTION_TIMEOUT, UrlSecrets.NONE);
    }

    public EndpointConfig withApi(ApiKind newApi) {
        return new EndpointConfig(baseUrl, model, apiKey, newApi, stream, connectTimeout, requestTimeout, insecureTls,
                idleConnectionTimeout, urlSecrets);
    }

    public EndpointConfig withStream(boolean newStream) {
        return new EndpointConfig(baseUrl, model, apiKey, api, newStream, connectTimeout, requestTimeout, insecureTls,
                idleConnectionTimeout, urlSecrets);
    }

    public EndpointConfig withApiKey(ApiKey key) {
        return new EndpointConfig(baseUrl, model, Optional.of(key), api, stream, connectTimeout, requestTimeout,
                insecureTls, idleConnectionTimeout, urlSecrets);
    }

    public EndpointConfig withTimeouts(Duration connect, Duration request) {
        return new EndpointConfig(baseUrl, model, apiKey, api, stream, connect, request, insecureTls,
                idleConnectionTimeout, urlSecrets);
    }

    public EndpointConfig withInsecureTls(boolean insecure) {
        return new EndpointConfig(baseUrl, model, apiKey, api, stream, connectTimeout, requestTimeout, insecure,
                idleConnectionTimeout, urlSecrets);
    }

    public EndpointConfig withIdleConnectionTimeout(Duration idle) {
        return new EndpointConfig(baseUrl, model, apiKey, api, stream, connectTimeout, requestTimeout, insecureTls,
                idle, urlSecrets);
    }

    /** Resolves an absolute path such as {@code /v1/chat/completions} against the base URL. */
    public URI resolve(String absolutePath) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + absolutePath);
    }
}
